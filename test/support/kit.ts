import { afterEach, expect } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { createMockTrusset, MOCK_API_KEY, startMockTrusset, type MockTrussetOptions } from '../../src/mock/index.js';
import { createTrussetHandler, toNodeListener, type TrussetHandlerOptions, type TrussetLogger } from '../../src/kit/index.js';
import { SIWE_STATEMENT } from '../../src/shared/siwe.js';
import { ERROR_CODES, KitError, type KitErrorCode } from '../../src/kit/errors.js';
import { testAccount } from './accounts.js';

/** The page the widget would run on; the kit allows it and SIWE names it. */
export const PAGE_ORIGIN = 'http://localhost:5173';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

export function captureLogger(lines: LogLine[]): TrussetLogger {
  return {
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The tests' kit configuration: anonymous, on the mock at `mockUrl`, for a page on `PAGE_ORIGIN`. */
export function kitOptions(mockUrl: string, logger: TrussetLogger, options: Partial<TrussetHandlerOptions> = {}): TrussetHandlerOptions {
  return {
    apiKey: MOCK_API_KEY,
    apiBase: mockUrl,
    basePath: '/api/trusset',
    allowedOrigins: [PAGE_ORIGIN],
    allowAnonymous: true,
    verifyHosts: [new URL(mockUrl).host],
    logger,
    ...options,
  };
}

/** Limits no generated run reaches: property tests send thousands of requests from one address. */
export const GENEROUS = { limit: 1_000_000, windowMs: 60_000 };

/**
 * The kit's Fetch handler in this process, with the mock answering through its `fetch` option
 * (no port per run; the mock's host is never dialled), limits no run reaches, and its log.
 */
export function inProcessKit(options: Partial<TrussetHandlerOptions> = {}, mockOptions: MockTrussetOptions = {}) {
  const mock = createMockTrusset({ rateLimit: GENEROUS, statusRateLimit: GENEROUS, ...mockOptions });
  const logs: LogLine[] = [];
  const logger = captureLogger(logs);
  const handler = createTrussetHandler(
    kitOptions('http://127.0.0.1:9', logger, {
      fetch: (input, init) => mock.fetch(new Request(input, init)),
      rateLimits: { nonce: GENEROUS, create: GENEROUS, status: GENEROUS },
      linksPerHour: 1_000_000,
      ...options,
    }),
  );
  return { handler, logs, logger, mock };
}

/**
 * The mock Trusset API and the kit in front of it, both real servers on 127.0.0.1, with the
 * kit's log lines captured. Everything a kit test needs: `{ kit, mock, logs, client }`.
 */
export async function startKit(options: Partial<TrussetHandlerOptions> = {}, mockOptions: MockTrussetOptions = {}) {
  const mock = await startMockTrusset(mockOptions);
  const logs: LogLine[] = [];
  const logger = captureLogger(logs);
  const handler = createTrussetHandler(kitOptions(mock.url, logger, options));
  const server = createServer(toNodeListener(handler, { logger }));
  const origin = await listen(server);
  const url = `${origin}/api/trusset`;
  return {
    url,
    mock,
    logs,
    handler,
    client: kitClient(url),
    async close() {
      await closeServer(server);
      await mock.close();
    },
  };
}

export interface SignInOptions {
  account?: LocalAccount;
  origin?: string;
  chainId?: number;
  nonce?: string;
  domain?: string;
  uri?: string;
  address?: `0x${string}`;
  issuedAt?: Date;
  /** `null` writes no Expiration Time. */
  expirationTime?: Date | null;
  notBefore?: Date;
  statement?: string;
  scheme?: string;
  requestId?: string;
  resources?: string[];
  /** Message text to sign instead of the built one. */
  message?: string;
}

export interface CreateOptions extends SignInOptions {
  headers?: Record<string, string>;
  idempotencyKey?: string;
  siwe?: { message: string; signature: string } | null;
  body?: Record<string, unknown>;
  ip?: string;
}

/** Talks to the kit as the widget does: JSON, `Origin` of the page, `Idempotency-Key`. */
export function kitClient(url: string) {
  async function call(path: string, init: RequestInit & { origin?: string | null } = {}) {
    const { origin = PAGE_ORIGIN, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (origin !== null) headers.set('Origin', origin);
    const response = await fetch(`${url}${path}`, { ...rest, headers });
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { response, status: response.status, json, text };
  }

  async function nonce(origin: string | null = PAGE_ORIGIN) {
    const { json } = await call('/nonce', { origin });
    return json.data as { nonce: string; serverTime: string };
  }

  async function signIn(options: SignInOptions = {}) {
    const account = options.account ?? testAccount;
    const origin = options.origin ?? PAGE_ORIGIN;
    const issued = options.issuedAt ?? new Date();
    const message =
      options.message ??
      createSiweMessage({
        domain: options.domain ?? new URL(origin).host,
        uri: options.uri ?? origin,
        address: options.address ?? account.address,
        chainId: options.chainId ?? 1,
        nonce: options.nonce ?? (await nonce(origin)).nonce,
        issuedAt: issued,
        ...(options.expirationTime === null ? {} : { expirationTime: options.expirationTime ?? new Date(issued.getTime() + 10 * 60_000) }),
        ...(options.notBefore ? { notBefore: options.notBefore } : {}),
        ...(options.scheme ? { scheme: options.scheme } : {}),
        ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
        ...(options.resources ? { resources: options.resources } : {}),
        version: '1',
        statement: options.statement ?? SIWE_STATEMENT,
      });
    return { message, signature: await account.signMessage({ message }) };
  }

  async function createLink(options: CreateOptions = {}) {
    const account = options.account ?? testAccount;
    const siwe = options.siwe === null ? undefined : (options.siwe ?? (await signIn(options)));
    const body = { email: 'ada@example.com', walletAddress: account.address, country: 'DE', ...(siwe ? { siwe } : {}), ...options.body };
    return call('/id-links', {
      method: 'POST',
      origin: options.origin ?? PAGE_ORIGIN,
      headers: {
        'Content-Type': 'application/json',
        ...(options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}),
        ...(options.ip ? { 'X-Forwarded-For': options.ip } : {}),
        ...options.headers,
      },
      body: JSON.stringify(body),
    });
  }

  async function linkStatus(id: string, token: string | undefined, init: { origin?: string | null } = {}) {
    return call(`/id-links/${id}`, { ...init, headers: token === undefined ? {} : { 'X-Status-Token': token } });
  }

  return { call, nonce, signIn, createLink, linkStatus };
}

export type Kit = Awaited<ReturnType<typeof startKit>>;

/**
 * `start(...)` for a test file: each test's kit (and mock) is closed after that test, so a failing
 * assertion never leaves a server listening.
 */
export function kitPerTest(): (...args: Parameters<typeof startKit>) => Promise<Kit> {
  let kit: Kit | undefined;
  afterEach(async () => {
    await kit?.close();
    kit = undefined;
  });
  return async (...args) => {
    kit = await startKit(...args);
    return kit;
  };
}

/**
 * Any answer of the kit but a preflight's is its envelope: JSON with the request id and a
 * timestamp; a success is a 200 or 201 with data; a failure carries a code of the table with that
 * code's status, field and fixed sentence, and `Retry-After` only with `retryAfter`. The code, if any.
 */
export function expectKitEnvelope(answer: { status: number; headers: Headers; text: string }): KitErrorCode | undefined {
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  const envelope = JSON.parse(answer.text) as {
    success: boolean;
    data?: unknown;
    error?: { code: string; message: string; field?: string; retryAfter?: number };
    metadata: { requestId: string; timestamp: string };
  };
  expect(envelope.metadata.requestId).toBe(answer.headers.get('x-request-id'));
  expect(Number.isNaN(Date.parse(envelope.metadata.timestamp))).toBe(false);
  if (envelope.success) {
    expect([200, 201]).toContain(answer.status);
    expect(envelope.data).toBeTypeOf('object');
    return undefined;
  }
  const { code, message, field, retryAfter } = envelope.error!;
  expect(Object.keys(ERROR_CODES)).toContain(code);
  const entry: { status: number; field?: string } = ERROR_CODES[code as KitErrorCode];
  expect(answer.status).toBe(entry.status);
  expect(message).toBe(new KitError(code as KitErrorCode).message);
  expect(field).toBe(entry.field);
  expect(answer.headers.get('retry-after')).toBe(retryAfter === undefined ? null : String(retryAfter));
  return code as KitErrorCode;
}
