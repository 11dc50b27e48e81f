/** A misbehaviour the mock can be asked for, to test a client against a failing Trusset. */
export type MockFault =
  | { status: 500 | 502 | 503; code?: string }
  | { status: 429; retryAfter?: number }
  | { status: 401; code?: 'AUTH_FAILED' | 'AUTH_REQUIRED' }
  | { status: 402 }
  | { status: 403; code?: 'SERVICE_NOT_ENABLED' | 'ACCOUNT_FROZEN' }
  | { delayMs: number }
  | 'hang'
  | 'not-json'
  | 'wrong-shape'
  | 'no-url'
  | 'foreign-host'
  | 'http-url'
  | 'javascript-url';

/** Which requests a queued fault answers: link creation, the status read, or any keyed request. */
export type MockFaultRoute = 'create' | 'status' | 'any';

const KEYWORDS = ['hang', 'not-json', 'wrong-shape', 'no-url', 'foreign-host', 'http-url', 'javascript-url'] as const;
// setTimeout fires at once for anything longer.
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Reads the compact form used in the `X-Mock-Fault` header: `500`, `502`, `503`, `500:CODE`,
 * `429`, `429:30`, `401`, `401:AUTH_REQUIRED`, `402`, `403`, `403:ACCOUNT_FROZEN`, `delay:1500`,
 * `hang`, `not-json`, `wrong-shape`, `no-url`, `foreign-host`, `http-url`, `javascript-url`.
 * Answers `undefined` for anything else.
 */
export function parseMockFault(text: string): MockFault | undefined {
  const keyword = KEYWORDS.find((word) => word === text);
  if (keyword !== undefined) return keyword;
  const [head, arg, ...rest] = text.split(':');
  if (rest.length > 0) return undefined;
  const count = arg !== undefined && /^[0-9]{1,10}$/.test(arg) ? Number(arg) : undefined;
  switch (head) {
    case 'delay':
      return count !== undefined && count <= MAX_DELAY_MS ? { delayMs: count } : undefined;
    case '429':
      if (arg === undefined) return { status: 429 };
      return count !== undefined && count >= 1 ? { status: 429, retryAfter: count } : undefined;
    case '500':
    case '502':
    case '503': {
      const status = Number(head) as 500 | 502 | 503;
      if (arg === undefined) return { status };
      return /^[A-Z][A-Z0-9_]{0,63}$/.test(arg) ? { status, code: arg } : undefined;
    }
    case '401':
      if (arg === undefined) return { status: 401 };
      return arg === 'AUTH_FAILED' || arg === 'AUTH_REQUIRED' ? { status: 401, code: arg } : undefined;
    case '402':
      return arg === undefined ? { status: 402 } : undefined;
    case '403':
      if (arg === undefined) return { status: 403 };
      return arg === 'SERVICE_NOT_ENABLED' || arg === 'ACCOUNT_FROZEN' ? { status: 403, code: arg } : undefined;
    default:
      return undefined;
  }
}

/** The compact form of a fault, as `parseMockFault` reads it. */
export function formatMockFault(fault: MockFault): string {
  if (typeof fault === 'string') return fault;
  if ('delayMs' in fault) return `delay:${fault.delayMs}`;
  const arg = 'retryAfter' in fault ? fault.retryAfter : 'code' in fault ? fault.code : undefined;
  return arg === undefined ? String(fault.status) : `${fault.status}:${arg}`;
}

/** A fault from JSON (`POST /__mock/faults`): the compact string or the object form. */
export function readMockFault(value: unknown): MockFault | undefined {
  if (typeof value === 'string') return parseMockFault(value);
  if (typeof value !== 'object' || value === null) return undefined;
  const { status, code, retryAfter, delayMs } = value as Record<string, unknown>;
  if (delayMs !== undefined) return parseMockFault(`delay:${String(delayMs)}`);
  const arg = retryAfter ?? code;
  return parseMockFault(arg === undefined ? String(status) : `${String(status)}:${String(arg)}`);
}

/** Faults waiting for the next matching requests, oldest first. */
export function createFaultQueue() {
  const queue: { fault: MockFault; route: MockFaultRoute; left: number }[] = [];

  function push(fault: MockFault, times = 1, route: MockFaultRoute = 'any'): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
    queue.push({ fault, route, left: times });
  }

  function take(route: 'create' | 'status' | 'other'): MockFault | undefined {
    const index = queue.findIndex((entry) => entry.route === 'any' || entry.route === route);
    const entry = queue[index];
    if (entry === undefined) return undefined;
    entry.left -= 1;
    if (entry.left === 0) queue.splice(index, 1);
    return entry.fault;
  }

  return { push, take, clear: () => queue.splice(0) };
}

export type FaultQueue = ReturnType<typeof createFaultQueue>;
