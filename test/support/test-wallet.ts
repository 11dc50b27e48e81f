import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { TEST_PRIVATE_KEY } from './accounts.js';

/**
 * A wallet that behaves like a browser extension (docs/testing.md), for browser tests:
 * an EIP-1193 provider over a viem local account, announced through EIP-6963 and set as
 * `window.ethereum`. Nothing leaves the page: it answers every request itself.
 */

type Hex = `0x${string}`;

export interface TestWalletBehaviour {
  /** `eth_requestAccounts` / `wallet_requestPermissions` fail with 4001. */
  rejectConnect: boolean;
  /** `personal_sign` fails with 4001. */
  rejectSignature: boolean;
  /** `wallet_switchEthereumChain` fails with 4001. */
  rejectSwitch: boolean;
  /** `personal_sign` waits for `releaseSignature()`. */
  holdSignatures: boolean;
  /** Chains `wallet_switchEthereumChain` answers with 4902 (unknown to the wallet). */
  unknownChains: number[];
  /** `wallet_revokePermissions` succeeds but the site stays authorised (wallets without MIP-2). */
  ignoreRevoke: boolean;
}

export interface TestWalletOptions {
  privateKey?: Hex;
  chainId?: number;
  name?: string;
  rdns?: string;
  behaviour?: Partial<TestWalletBehaviour>;
  /** Also set `window.ethereum` (default true). */
  setWindowEthereum?: boolean;
  /**
   * Approve connect, sign and switch without asking (default true). `false` asks the person in
   * front of the page with `confirm()`, as a wallet's prompt would (for the demo); "Cancel" is 4001.
   */
  autoApprove?: boolean;
  /** The site is already authorised, as after a reload: `eth_accounts` answers at once (default false). */
  authorized?: boolean;
}

export interface TestWalletRequest {
  method: string;
  params: unknown;
}

type Listener = (...args: unknown[]) => void;

export interface TestProvider {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on(event: string, listener: Listener): TestProvider;
  removeListener(event: string, listener: Listener): TestProvider;
}

export interface TestWallet {
  readonly provider: TestProvider;
  readonly info: { uuid: string; name: string; icon: string; rdns: string };
  /** Knobs a test may change at any time. */
  readonly behaviour: TestWalletBehaviour;
  /** Every request, in order. */
  readonly requests: TestWalletRequest[];
  readonly address: Hex;
  readonly chainId: number;
  readonly authorized: boolean;
  /** How many calls of `method` so far. */
  count(method: string): number;
  /** Signature requests waiting for `releaseSignature()`. */
  readonly heldSignatures: number;
  /** Answers the oldest held signature request. */
  releaseSignature(): void;
  /** The user picks another account in the wallet. */
  switchAccount(privateKey: Hex): void;
  /** The user moves the wallet to another chain. */
  setChain(chainId: number): void;
  /** The user disconnects the site in the wallet. */
  disconnect(): void;
  /** Removes the wallet from the page (listeners, `window.ethereum`). */
  uninstall(): void;
}

const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#3b6"/><path d="M9 16h14" stroke="#fff" stroke-width="3"/></svg>')}`;

function rpcError(code: number, message: string): Error & { code: number } {
  return Object.assign(new Error(message), { code });
}

export function installTestWallet(options: TestWalletOptions = {}): TestWallet {
  const behaviour: TestWalletBehaviour = {
    rejectConnect: false,
    rejectSignature: false,
    rejectSwitch: false,
    holdSignatures: false,
    unknownChains: [],
    ignoreRevoke: false,
    ...options.behaviour,
  };
  let account: PrivateKeyAccount = privateKeyToAccount(options.privateKey ?? TEST_PRIVATE_KEY);
  let chainId = options.chainId ?? 1;
  let authorized = options.authorized ?? false;
  const requests: TestWalletRequest[] = [];
  const held: (() => void)[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const hex = (value: number) => `0x${value.toString(16)}` as Hex;

  const approved = (question: string) => options.autoApprove !== false || window.confirm(`${info.name}: ${question}`);
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((listener) => listener(...args));
  const accounts = () => (authorized ? [account.address] : []);

  const provider: TestProvider = {
    async request({ method, params }) {
      requests.push({ method, params });
      switch (method) {
        case 'eth_accounts':
          return accounts();
        case 'eth_requestAccounts':
        case 'wallet_requestPermissions': {
          if (behaviour.rejectConnect || (!authorized && !approved(`connect ${location.host}?`))) throw rpcError(4001, 'User rejected the request.');
          const wasAuthorized = authorized;
          authorized = true;
          if (!wasAuthorized) emit('accountsChanged', accounts());
          return method === 'eth_requestAccounts' ? accounts() : [{ parentCapability: 'eth_accounts' }];
        }
        case 'wallet_getPermissions':
          return authorized ? [{ parentCapability: 'eth_accounts' }] : [];
        case 'wallet_revokePermissions':
          if (!behaviour.ignoreRevoke) authorized = false;
          return null;
        case 'eth_chainId':
          return hex(chainId);
        case 'net_version':
          return String(chainId);
        case 'eth_blockNumber':
          return '0x1';
        case 'eth_getBalance':
          return '0x0';
        case 'personal_sign': {
          const [data, from] = params as [Hex, string];
          if (!authorized || from.toLowerCase() !== account.address.toLowerCase()) throw rpcError(4100, 'The requested account has not been authorized.');
          if (behaviour.holdSignatures) await new Promise<void>((release) => held.push(release));
          if (behaviour.rejectSignature || !approved('sign this message?')) throw rpcError(4001, 'User rejected the request.');
          return account.signMessage({ message: data.startsWith('0x') ? { raw: data } : data });
        }
        case 'wallet_switchEthereumChain': {
          const [{ chainId: wanted }] = params as [{ chainId: Hex }];
          const id = Number(wanted);
          if (behaviour.unknownChains.includes(id)) throw rpcError(4902, `Unrecognized chain ID "${wanted}".`);
          if (id !== chainId && (behaviour.rejectSwitch || !approved(`switch to chain ${id}?`))) throw rpcError(4001, 'User rejected the request.');
          if (id !== chainId) {
            chainId = id;
            emit('chainChanged', hex(chainId));
          }
          return null;
        }
        default:
          throw rpcError(4200, `The test wallet does not support ${method}.`);
      }
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return provider;
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };

  const info = Object.freeze({
    uuid: crypto.randomUUID(),
    name: options.name ?? 'Test Wallet',
    icon: ICON,
    rdns: options.rdns ?? 'org.trusset.test-wallet',
  });
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
  const setWindowEthereum = options.setWindowEthereum ?? true;
  if (setWindowEthereum) (window as { ethereum?: unknown }).ethereum = provider;

  return {
    provider,
    info,
    behaviour,
    requests,
    get address() {
      return account.address;
    },
    get chainId() {
      return chainId;
    },
    get authorized() {
      return authorized;
    },
    count: (method) => requests.filter((request) => request.method === method).length,
    get heldSignatures() {
      return held.length;
    },
    releaseSignature() {
      held.shift()?.();
    },
    switchAccount(privateKey) {
      account = privateKeyToAccount(privateKey);
      if (authorized) emit('accountsChanged', accounts());
    },
    setChain(id) {
      if (id === chainId) return;
      chainId = id;
      emit('chainChanged', hex(chainId));
    },
    disconnect() {
      authorized = false;
      emit('accountsChanged', []);
      emit('disconnect', rpcError(4900, 'The wallet disconnected.'));
    },
    uninstall() {
      window.removeEventListener('eip6963:requestProvider', announce);
      if (setWindowEthereum && (window as { ethereum?: unknown }).ethereum === provider) delete (window as { ethereum?: unknown }).ethereum;
      listeners.clear();
    },
  };
}
