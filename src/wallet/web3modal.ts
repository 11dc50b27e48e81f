import { walletConnect } from '@wagmi/connectors';
import { createConfig, injected, watchAccount, type Config } from '@wagmi/core';
import { createWeb3Modal } from '@web3modal/wagmi';
import { getBalance } from 'viem/actions';
import { WalletConnectError } from '../errors/wallet.js';
import { Web3ModalUnavailableError, type WalletAccount, type WalletOptions } from './types.js';
import { chainFor, restoreConnection, walletClient, walletStorage, WagmiSession } from './wagmi-session.js';

/** docs/architecture.md, "The wallet strategies": no modal visible this long after `open()` means its wallet-list request hung. */
export const MODAL_VISIBLE_WITHIN_MS = 3_000;
/** `open()` first loads the modal's own code (two more chunks); a network that never delivers them is the same failure. */
const MODAL_CODE_WITHIN_MS = 15_000;

type Modal = ReturnType<typeof createWeb3Modal>;

/**
 * Keeps Web3Modal from showing for the rest of the page: a hung wallet-list request may still
 * complete and open the modal long after the user moved on to the built-in list.
 */
function retire(modal: Modal): void {
  const hide = () => document.querySelectorAll('w3m-modal').forEach((element) => element.remove());
  void modal.close();
  hide();
  modal.subscribeState((state) => {
    if (!state.open) return;
    void modal.close();
    hide();
  });
}

/**
 * Opens the modal; resolves with the account once connected, `undefined` when the modal closes
 * without a connection; rejects with `Web3ModalUnavailableError` when no modal showed in time.
 */
function openModal(modal: Modal, session: WagmiSession, signal: AbortSignal, onUnavailable: () => void): Promise<WalletAccount | undefined> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    let seenOpen = false;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanups: (() => void)[] = [];
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      cleanups.forEach((cleanup) => cleanup());
      finish();
    };
    const unavailable = (details: string) =>
      settle(() => {
        onUnavailable();
        reject(new Web3ModalUnavailableError({ details }));
      });

    cleanups.push(
      watchAccount(session.config, {
        onChange: () => {
          const account = session.account();
          if (account)
            settle(() => {
              void modal.close();
              resolve(account);
            });
        },
      }),
    );
    cleanups.push(
      modal.subscribeState((state) => {
        if (state.open) seenOpen = true;
        else if (seenOpen) settle(() => resolve(session.account()));
      }),
    );
    const onAbort = () =>
      settle(() => {
        void modal.close();
        reject(signal.reason);
      });
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', onAbort));

    timer = setTimeout(() => unavailable('Its code did not load in time.'), MODAL_CODE_WITHIN_MS);
    // `open()` resolves once the modal's code is in place; the modal itself shows only after its
    // wallet list arrived, and never if that request hangs (Web3Modal 5.1.11 has no timeout of its own).
    modal.open().then(
      () => {
        if (settled) return;
        clearTimeout(timer);
        if (modal.isOpen()) seenOpen = true;
        else timer = setTimeout(() => (modal.isOpen() ? undefined : unavailable('No modal was visible 3 s after open().')), MODAL_VISIBLE_WITHIN_MS);
      },
      (error: unknown) => settle(() => reject(new WalletConnectError({ cause: error, details: 'Web3Modal did not open.' }))),
    );
  });
}

/**
 * The Web3Modal source (docs/architecture.md, "The wallet strategies", source 2): Web3Modal over a @wagmi/core config of
 * the widget's own, with the injected (EIP-6963 and `window.ethereum`) and WalletConnect
 * connectors for the configured chain. Analytics, swaps and on-ramp are off; e-mail and social
 * log-in do not exist without Web3Modal's auth connector, which this config leaves out.
 */
export async function createWeb3ModalSession(options: WalletOptions & { projectId: string }): Promise<WagmiSession> {
  const { projectId } = options;
  const name = options.appName || document.title || location.host;
  const metadata = {
    name,
    description: name,
    url: location.origin,
    icons: options.appIcon ? [options.appIcon] : [],
  };
  // WalletConnect's provider reads through the chain's RPC URL: its own RPC rather than a public one.
  const chain = chainFor(options.chainId, `https://rpc.walletconnect.org/v1/?chainId=eip155:${options.chainId}&projectId=${encodeURIComponent(projectId)}`);
  const config: Config = createConfig({
    chains: [chain],
    connectors: [injected({ shimDisconnect: true }), walletConnect({ projectId, metadata, showQrModal: false })],
    multiInjectedProviderDiscovery: true,
    storage: walletStorage(),
    // Web3Modal decorates a connection with a balance and an ENS name (against an
    // unreachable RPC those lookups end in unhandled rejections on the host page): names are not
    // looked up at all (they would tell an RPC which address just signed in), and a balance the
    // wallet cannot give shows as zero.
    client: walletClient(
      () => config,
      (client) => ({
        getEnsName: async () => null,
        getEnsAvatar: async () => null,
        getBalance: (args: Parameters<typeof getBalance>[1]) => getBalance(client, args).catch(() => 0n),
      }),
    ),
  });
  const modal = createWeb3Modal({
    wagmiConfig: config,
    projectId,
    metadata,
    defaultChain: chain,
    enableAnalytics: false,
    enableOnramp: false,
    enableSwaps: false,
    allWallets: 'SHOW',
  });
  await restoreConnection(config);

  let retired = false;
  const session: WagmiSession = new WagmiSession(config, 'web3modal', async (signal) => {
    if (retired) throw new Web3ModalUnavailableError();
    const existing = session.account();
    if (existing) return existing;
    return openModal(modal, session, signal, () => {
      retired = true;
      retire(modal);
    });
  });
  return session;
}
