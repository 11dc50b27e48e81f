import { createClient, http, type Client } from 'viem';
import { getChainId, readContract, type ReadContractParameters } from 'viem/actions';
import { RegistryUnavailableError } from '../errors/registry.js';
import { abortable } from '../wallet/rpc-errors.js';

export interface RegistryReadOptions {
  registry: `0x${string}`;
  address: `0x${string}`;
  chainId: number;
  /** The page's `rpc-url`. */
  rpcUrl?: string | undefined;
  /** The host's wagmi Config (v2 or v3), when the page gave one: its transport for `chainId` is used. */
  wagmiConfig?: unknown;
  signal?: AbortSignal | undefined;
  /** Default 5000. */
  timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/** The one read of Trusset's and ERC-3643's identity registries that the widget needs. */
const IS_VERIFIED_ABI = [{ type: 'function', name: 'isVerified', stateMutability: 'view', inputs: [{ name: 'wallet', type: 'address' }], outputs: [{ name: '', type: 'bool' }] }] as const;

/** What the widget reads of a host's wagmi `Config`: structural, for wagmi 2 and 3 alike. */
interface HostConfig {
  getClient(parameters: { chainId: number }): unknown;
}

/**
 * Where an RPC URL points, for messages: its origin only. API keys live in the query string
 * (`?apikey=`), in the user info, and in the path too (Infura's `/v3/<key>`, Alchemy's
 * `/v2/<key>`), so no part after the host is ever shown.
 */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const rest = parsed.pathname !== '/' || parsed.search || parsed.hash ? '/…' : '';
    return `${parsed.protocol}//${parsed.host}${rest}`;
  } catch {
    return '(not a URL)';
  }
}

/** Any URL inside a foreign error's text, cut down the same way. */
function redactText(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>)]+/gi, (url) => redactUrl(url));
}

interface ViemLike {
  name?: unknown;
  shortMessage?: unknown;
  details?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * The failure in one line, from viem's error chain: the outermost short message and the
 * innermost details (viem's `details` is the server's or the runtime's own words). Only text,
 * never the chain itself, is kept: viem's messages and `url` fields carry the full RPC URL.
 */
function describeFailure(error: unknown): string {
  const outer = error as ViemLike | undefined;
  const summary = typeof outer?.shortMessage === 'string' ? outer.shortMessage : typeof outer?.message === 'string' ? (outer.message.split('\n')[0] ?? '') : String(error);
  let details: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const { details: value } = current as ViemLike;
    if (typeof value === 'string' && value) details = value;
    current = (current as ViemLike).cause;
  }
  const name = typeof outer?.name === 'string' ? `${outer.name}: ` : '';
  return redactText(`${name}${summary}${details && !summary.includes(details) ? ` (${details})` : ''}`).replace(/\s*\n\s*/g, ' ');
}

/** viem's own transport timeout (`TimeoutError`) anywhere along the chain. */
function isTimeout(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    if ((current as ViemLike).name === 'TimeoutError') return true;
    current = (current as ViemLike).cause;
  }
  return false;
}

function isHostConfig(value: unknown): value is HostConfig {
  return !!value && typeof value === 'object' && typeof (value as Partial<HostConfig>).getClient === 'function';
}

function isClient(value: unknown): value is Client {
  return !!value && typeof value === 'object' && typeof (value as Partial<Client>).request === 'function';
}

interface Source {
  client: Client;
  /** Where the read goes, as messages may name it. */
  label: string;
}

function sourceFor(options: RegistryReadOptions, timeoutMs: number, signal: AbortSignal, meta: string[]): Source {
  const { wagmiConfig, rpcUrl, chainId } = options;
  if (wagmiConfig !== undefined && wagmiConfig !== null) {
    const label = `the host's wagmiConfig transport for chain ${chainId}`;
    if (!isHostConfig(wagmiConfig)) {
      throw new RegistryUnavailableError({ metaMessages: [...meta, `RPC: ${label}`], details: 'The wagmiConfig has no getClient(): not a wagmi Config.' });
    }
    let client: unknown;
    try {
      client = wagmiConfig.getClient({ chainId });
    } catch (error) {
      throw new RegistryUnavailableError({ metaMessages: [...meta, `RPC: ${label}`], details: `The wagmiConfig has no client for chain ${chainId}: ${describeFailure(error)}` });
    }
    if (!isClient(client)) {
      throw new RegistryUnavailableError({ metaMessages: [...meta, `RPC: ${label}`], details: `The wagmiConfig has no client for chain ${chainId}.` });
    }
    return { client, label };
  }
  if (rpcUrl) {
    const label = redactUrl(rpcUrl);
    let protocol: string | undefined;
    try {
      protocol = new URL(rpcUrl).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new RegistryUnavailableError({ metaMessages: [...meta, `RPC: ${label}`], details: 'rpc-url is not an http(s) URL.' });
    }
    // No `chain`: viem then adds no RPC of its own, and no multicall contract to route through. A
    // bare client, not createPublicClient: the actions come from viem/actions, so its decorator of
    // every public action (two thirds of this chunk, gzipped) stays out.
    const client = createClient({ transport: http(rpcUrl, { timeout: timeoutMs, retryCount: 0, fetchOptions: { signal } }) });
    return { client, label };
  }
  throw new RegistryUnavailableError({ metaMessages: meta, details: 'Neither a wagmiConfig nor an rpc-url was given: there is no RPC to read the registry through.' });
}

/**
 * Reads `isVerified(address)` on the registry at `registry`, on chain `chainId`: through the
 * host's wagmi transport for that chain when a config is given, else through `rpcUrl` only
 * (never a public RPC of viem's chain list).
 *
 * Resolves to the registry's answer. Anything else — no RPC, connection refused, no answer within
 * `timeoutMs`, an HTTP or JSON-RPC error, a revert, no contract at `registry` ("returned no data"),
 * an RPC on another chain than `chainId` (`eth_chainId` is read alongside, at no extra wait) —
 * throws a `RegistryUnavailableError` (`REGISTRY_UNAVAILABLE`, retryable): a failed read is never
 * "not verified". An aborted `signal` rejects with its reason instead.
 *
 * @throws {RegistryUnavailableError}
 */
export async function readIsVerified(options: RegistryReadOptions): Promise<boolean> {
  const { registry, address, chainId, signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  signal?.throwIfAborted();
  const meta = [`Registry: ${registry}`, `Chain: ${chainId}`];
  // One controller for the caller's abort and the deadline: it cancels the HTTP request itself
  // (rpc-url), or at least drops a late answer (a host transport, whose retries are the host's).
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`No answer within ${timeoutMs} ms.`, 'TimeoutError'));
  }, timeoutMs);
  let label: string | undefined;
  try {
    const source = sourceFor(options, timeoutMs, controller.signal, meta);
    label = source.label;
    // `batch: false`: one plain eth_call to the registry, never through a multicall contract
    // that the chain may not have where the host's chain list says it is.
    const call: ReadContractParameters<typeof IS_VERIFIED_ABI, 'isVerified'> & { batch: false } = {
      address: registry,
      abi: IS_VERIFIED_ABI,
      functionName: 'isVerified',
      args: [address],
      batch: false,
    };
    const read = readContract(source.client, call);
    const [actualChain, answer] = await abortable(Promise.allSettled([getChainId(source.client), read]), controller.signal);
    if (actualChain.status === 'fulfilled' && actualChain.value !== chainId) {
      throw new RegistryUnavailableError({
        metaMessages: [...meta, `RPC: ${label}`, `RPC chain: ${actualChain.value}`],
        details: `The RPC serves chain ${actualChain.value}, not chain ${chainId}: its answer would not be about this registry.`,
      });
    }
    if (answer.status === 'rejected') throw answer.reason;
    if (actualChain.status === 'rejected') throw actualChain.reason;
    if (typeof answer.value !== 'boolean') {
      throw new RegistryUnavailableError({ metaMessages: [...meta, `RPC: ${label}`], details: `isVerified returned ${typeof answer.value}, not a bool.` });
    }
    return answer.value;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof RegistryUnavailableError) throw error;
    const where = label ? [...meta, `RPC: ${label}`] : meta;
    if (timedOut || isTimeout(error)) throw new RegistryUnavailableError({ metaMessages: where, details: `No answer within ${timeoutMs} ms.` });
    throw new RegistryUnavailableError({ metaMessages: where, details: describeFailure(error) });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
