import { createPublicClient, http, HttpRequestError, RpcRequestError, TimeoutError, type Address, type Hex, type Transport } from 'viem';
import { verifyHash } from 'viem/actions';
import { KitError } from './errors.js';

/** The kit's single try at the RPC, in milliseconds. */
export const RPC_TIMEOUT_MS = 3_000;

/** What one failed RPC request was: the chain's own "no", or the RPC not answering for it. */
type Failure = { revert: true } | { revert: false; details: string };

/** viem wraps errors in errors; the one that carries what the RPC sent may be several causes down. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 10; current = (current as { cause?: unknown } | null)?.cause) {
    chain.push(current);
  }
  return chain;
}

function find<T>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  return causes(error).find((cause): cause is T => cause instanceof type);
}

/**
 * Only the chain's definite "no" is a verdict, and a revert is one: JSON-RPC error 3 (the
 * Ethereum execution-apis code for a revert: geth, Erigon, Reth, Nethermind, Anvil), or -32000
 * whose message starts "execution reverted" (geth when the revert carries no data, Besu).
 * Anything else did not come from the contract: an HTTP status other than 2xx whatever its body
 * says (a gateway or a rate limiter wrote it), -32005 (limit exceeded), -32603 (internal error:
 * Hardhat 2 reports reverts so, but production gateways report their own failures so too),
 * -32602, -32601, other -32000 messages ("header not found" from a lagging node), a body that is
 * not JSON, a timeout, a refused or reset connection.
 * The details name status and code only: the node's message and viem's may quote the RPC URL,
 * whose path often holds an API key, and the request body, which holds the signature.
 */
function classify(error: unknown): Failure {
  if (find(error, TimeoutError)) return { revert: false, details: `rpc did not answer within ${RPC_TIMEOUT_MS} ms` };
  const rpc = find(error, RpcRequestError);
  const http = find(error, HttpRequestError);
  const status = rpc?.status ?? http?.status;
  const code = typeof rpc?.code === 'number' ? rpc.code : undefined;
  if (status !== undefined) {
    return { revert: false, details: `rpc answered HTTP ${status}${code === undefined ? '' : ` with JSON-RPC error ${code}`}` };
  }
  if (rpc) {
    if (code === 3 || (code === -32000 && /^execution reverted/i.test(rpc.details))) return { revert: true };
    return { revert: false, details: code === undefined ? 'rpc answered an error without a code' : `rpc answered JSON-RPC error ${code}` };
  }
  if (http) {
    return { revert: false, details: http.cause instanceof SyntaxError ? 'rpc answered with a body that is not JSON' : 'rpc could not be reached' };
  }
  return { revert: false, details: `rpc request failed (${error instanceof Error ? error.name : typeof error})` };
}

/** Return data is hex of whole bytes; the ERC-6492 validator always returns one byte at least. */
const RETURN_DATA = /^0x(?:[0-9a-fA-F]{2})+$/;

/** An answer that is neither a result the chain could give nor a JSON-RPC error. */
class MalformedRpcAnswerError extends Error {
  override name = 'MalformedRpcAnswerError';
}

/**
 * Whether the smart-contract wallet at `address` accepts `signature` over `hash`, as the chain
 * behind `rpcUrl` says: EIP-1271 for a deployed wallet, ERC-6492 for one not deployed yet (its
 * factory call runs inside the same eth_call and is never sent as a transaction). `false` only
 * when the chain said no; when the RPC did not answer for it, `UPSTREAM_UNAVAILABLE`.
 */
export async function contractAcceptsSignature(rpcUrl: string, address: Address, hash: Hex, signature: Hex): Promise<boolean> {
  // A bounded, single try: viem's default retries would hold the request for seconds while an RPC is down.
  const rpc = http(rpcUrl, { timeout: RPC_TIMEOUT_MS, retryCount: 0 });
  let failure: { details: string; cause: unknown } | undefined;
  // verifyHash reads every failed eth_call as "not valid" (viem's call wraps network and RPC
  // errors alike in CallExecutionError), so the transport notes here which failures were not
  // the chain's answer.
  const watched: Transport = (params) => {
    const transport = rpc(params);
    return {
      ...transport,
      request: (async (args: Parameters<typeof transport.request>[0]) => {
        let result: unknown;
        try {
          result = await transport.request(args);
        } catch (error) {
          const classified = classify(error);
          if (!classified.revert) failure ??= { details: classified.details, cause: error };
          throw error;
        }
        // Without this, an answer with neither result nor error reads as `false` in verifyHash.
        if (args.method === 'eth_call' && (typeof result !== 'string' || !RETURN_DATA.test(result))) {
          const cause = new MalformedRpcAnswerError('eth_call answered without return data');
          failure ??= { details: 'rpc answered eth_call without return data', cause };
          throw cause;
        }
        return result;
      }) as typeof transport.request,
    };
  };
  const client = createPublicClient({ transport: watched });
  let valid: boolean;
  try {
    valid = await verifyHash(client, { address, hash, signature });
  } catch (cause) {
    const classified = classify(cause);
    const details = failure?.details ?? (classified.revert ? 'rpc request failed' : classified.details);
    throw new KitError('UPSTREAM_UNAVAILABLE', { details: `contract-wallet check: ${details}`, cause: failure?.cause ?? cause });
  }
  if (!valid && failure) throw new KitError('UPSTREAM_UNAVAILABLE', { details: `contract-wallet check: ${failure.details}`, cause: failure.cause });
  return valid;
}
