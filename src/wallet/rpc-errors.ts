import { UserRejectedError, WalletConnectError, WalletNotFoundError, WrongChainError } from '../errors/wallet.js';
import { TrussetVerifyError } from '../errors/base.js';

/** EIP-1193: the user rejected the request. */
export const USER_REJECTED = 4001;
/** EIP-3326 / MetaMask: the wallet does not know the chain asked for. */
export const UNRECOGNIZED_CHAIN = 4902;

interface WithCode {
  code?: unknown;
  name?: unknown;
  cause?: unknown;
  data?: { originalError?: { code?: unknown } };
}

/**
 * Every numeric `code` along the `cause` chain: viem and wagmi wrap the wallet's own error one or
 * two levels deep, and MetaMask Mobile nests it under `data.originalError`.
 */
export function rpcCodes(error: unknown): number[] {
  const codes: number[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const { code, data, cause } = current as WithCode;
    if (typeof code === 'number') codes.push(code);
    if (typeof data?.originalError?.code === 'number') codes.push(data.originalError.code);
    current = cause;
  }
  return codes;
}

function hasName(error: unknown, names: string[]): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const { name } = current as WithCode;
    if (typeof name === 'string' && names.includes(name)) return true;
    current = (current as WithCode).cause;
  }
  return false;
}

export function isUserRejection(error: unknown): boolean {
  return rpcCodes(error).includes(USER_REJECTED) || hasName(error, ['UserRejectedRequestError']);
}

function describe(error: unknown): string | undefined {
  if (error instanceof Error) return (error as Error & { shortMessage?: string }).shortMessage ?? error.message.split('\n')[0];
  return undefined;
}

/** A failed connect: `undefined` when the user declined (not an error), else the error to report. */
export function connectFailure(error: unknown): TrussetVerifyError | undefined {
  if (error instanceof TrussetVerifyError) return error;
  if (isUserRejection(error)) return undefined;
  if (hasName(error, ['ProviderNotFoundError', 'ConnectorNotFoundError'])) return new WalletNotFoundError({ cause: error });
  return new WalletConnectError({ cause: error, details: describe(error) });
}

/**
 * How a failed connect ends: `undefined` when the user cancelled (not an error), else throws —
 * the abort itself when the caller aborted, otherwise the mapped error.
 */
export function connectOutcome(error: unknown, signal: AbortSignal): undefined {
  if (signal.aborted) throw error;
  const failure = connectFailure(error);
  if (failure) throw failure;
  return undefined;
}

/** A failed signature or other wallet request after connecting. */
export function requestFailure(error: unknown): TrussetVerifyError {
  if (error instanceof TrussetVerifyError) return error;
  if (isUserRejection(error)) return new UserRejectedError({ cause: error });
  if (hasName(error, ['ProviderNotFoundError'])) return new WalletNotFoundError({ cause: error });
  return new WalletConnectError({ cause: error, details: describe(error) });
}

/** A failed chain switch: declined, or a chain the wallet does not know (`WRONG_CHAIN`). */
export function switchFailure(error: unknown, expected: number, actual: number | undefined): TrussetVerifyError {
  if (error instanceof TrussetVerifyError) return error;
  if (rpcCodes(error).includes(UNRECOGNIZED_CHAIN)) {
    return new WrongChainError({ expected, actual: actual ?? 0, cause: error, details: 'The wallet does not know this chain; add it in the wallet first.' });
  }
  return requestFailure(error);
}

/** The promise, or the signal's reason as soon as it aborts; a late result is dropped, never unhandled. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
