import * as z from 'zod/mini';
import { BackendError, InvalidResponseError, NetworkError, RequestTimeoutError } from '../errors/backend.js';
import { CODE_FIELDS, isBackendCode } from '../errors/codes.js';

/** How the widget reaches the partner backend (docs/kit.md, "Routes"). */
export interface BackendConfig {
  /** Absolute base URL; paths are joined as `endpoint` without its trailing `/` + path. */
  endpoint: string;
  /** Extra headers on every call (the `headers` property, e.g. a CSRF token). */
  headers: Record<string, string>;
  credentials: RequestCredentials;
  /** Default 20 000. */
  timeoutMs?: number;
}

export interface BackendRequestInit {
  method: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  signal: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

// Server-sent strings that end up in an error's message: only short, plain tokens get through.
// No '@' or '/': an e-mail address or a URL never passes for a request id.
const SAFE_TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;
const SAFE_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const SAFE_FIELD = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

// Only object, string, boolean and unknown: each further zod/mini combinator costs bytes in the
// first-render bundle, and the optional members are read with type guards below.
const envelope = z
  .object({
    success: z.boolean(),
    data: z.optional(z.unknown()),
    error: z.optional(z.object({ code: z.string(), field: z.optional(z.unknown()), retryAfter: z.optional(z.unknown()) })),
    metadata: z.optional(z.unknown()),
  })
  .check(z.refine((body) => body.success || body.error !== undefined));

/** `Retry-After` in seconds, from either of its forms (RFC 9110, 10.2.3). */
function retryAfterHeader(value: string | null): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^[0-9]+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function safe(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === 'string' && pattern.test(value) ? value : undefined;
}

/** `AbortSignal.any`, or its equivalent where the browser lacks it (Safari before 17.4). */
function anySignal(signals: AbortSignal[]): { signal: AbortSignal; release: () => void } {
  if (typeof AbortSignal.any === 'function') return { signal: AbortSignal.any(signals), release: () => {} };
  const controller = new AbortController();
  const releases: (() => void)[] = [];
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    releases.push(() => signal.removeEventListener('abort', onAbort));
  }
  return { signal: controller.signal, release: () => releases.forEach((release) => release()) };
}

/** A successful answer: the envelope's `data` and what an error about it should name. */
export interface BackendAnswer {
  data: unknown;
  statusCode: number;
  requestId: string | undefined;
  /** `METHOD /path`, for error messages. */
  request: string;
}

/**
 * One call to the partner backend: JSON out, the contract's envelope in. Resolves with the
 * envelope's `data`; rejects with a `TrussetVerifyError` (`NETWORK_ERROR`, `TIMEOUT`,
 * `INVALID_RESPONSE`, a backend code or `UNKNOWN_ERROR`), or with the caller's own abort reason
 * when `init.signal` aborts, so that the controller can tell it from a failure.
 */
export async function backendRequest(config: BackendConfig, path: string, init: BackendRequestInit): Promise<unknown> {
  return (await backendExchange(config, path, init)).data;
}

/** `backendRequest`, also giving the status and request id, for the calls that check `data`. */
export async function backendExchange(config: BackendConfig, path: string, init: BackendRequestInit): Promise<BackendAnswer> {
  const request = `${init.method} ${path}`;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  const combined = anySignal([init.signal, timeout.signal]);

  const headers = new Headers(config.headers);
  headers.set('Accept', 'application/json');
  if (init.method === 'POST') headers.set('Content-Type', 'application/json');
  for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);

  let response: Response;
  let text: string;
  try {
    response = await fetch(`${config.endpoint.replace(/\/+$/, '')}${path}`, {
      method: init.method,
      headers,
      body: init.method === 'POST' && init.body !== undefined ? JSON.stringify(init.body) : null,
      credentials: config.credentials,
      cache: 'no-store',
      // The contract never redirects; following one could carry the request somewhere else.
      redirect: 'error',
      signal: combined.signal,
    });
    text = await response.text();
  } catch (error) {
    if (init.signal.aborted) throw error;
    if (timeout.signal.aborted) throw new RequestTimeoutError(request, timeoutMs, { cause: error });
    throw new NetworkError(request, { cause: error });
  } finally {
    clearTimeout(timer);
    combined.release();
  }

  const statusCode = response.status;
  const headerRequestId = safe(response.headers.get('X-Request-Id'), SAFE_TOKEN);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = envelope.safeParse(json);

  if (!parsed.success) {
    if (response.ok) {
      const received = json === undefined ? `a body that is not JSON (HTTP ${statusCode})` : `JSON that is not the envelope (HTTP ${statusCode})`;
      throw new InvalidResponseError(request, 'the envelope { success, data | error, metadata }', received, { statusCode, requestId: headerRequestId });
    }
    return unknownRefusal(request, statusCode, undefined, headerRequestId, response);
  }

  const body = parsed.data;
  const requestId = safe((body.metadata as { requestId?: unknown } | null | undefined)?.requestId, SAFE_TOKEN) ?? headerRequestId;
  if (body.success) {
    if (!response.ok) {
      throw new InvalidResponseError(request, 'a 2xx status with success: true', `success: true with HTTP ${statusCode}`, { statusCode, requestId });
    }
    return { data: body.data, statusCode, requestId, request };
  }

  // The refine above guarantees an error object when success is false.
  const { code, field, retryAfter } = body.error!;
  if (!isBackendCode(code)) return unknownRefusal(request, statusCode, safe(code, SAFE_CODE) ?? 'an unreadable code', requestId, response);
  throw new BackendError(code, request, {
    statusCode,
    requestId,
    field: safe(field, SAFE_FIELD) ?? CODE_FIELDS[code],
    retryAfter: typeof retryAfter === 'number' && retryAfter >= 0 && Number.isFinite(retryAfter) ? retryAfter : retryAfterHeader(response.headers.get('Retry-After')),
  });
}

/** A code the widget does not know is classified by HTTP status (docs/architecture.md, "The error model"). */
function unknownRefusal(request: string, statusCode: number, unknownCode: string | undefined, requestId: string | undefined, response: Response): never {
  throw new BackendError('UNKNOWN_ERROR', request, {
    statusCode,
    requestId,
    unknownCode,
    retryable: statusCode === 429 || statusCode >= 500,
    retryAfter: retryAfterHeader(response.headers.get('Retry-After')),
    details: unknownCode === undefined ? `HTTP ${statusCode} without the contract's envelope; classified by HTTP status.` : undefined,
  });
}

/**
 * `data` parsed by `schema`, or `INVALID_RESPONSE` naming where the shape broke (paths and issue
 * codes only: the values may be the verification URL or a token).
 */
export function parseData<S extends z.ZodMiniType>(schema: S, answer: BackendAnswer, expected: string): z.output<S> {
  const parsed = schema.safeParse(answer.data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `data.${issue.path.map(String).join('.')}` : 'data';
  throw new InvalidResponseError(answer.request, expected, `${where}: ${issue?.code ?? 'invalid'}`, {
    statusCode: answer.statusCode,
    requestId: answer.requestId,
  });
}
