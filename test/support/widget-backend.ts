import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach } from 'vitest';
import type { BackendConfig } from '../../src/backend-client/request.js';
import { TrussetVerifyError } from '../../src/errors/base.js';
import { closeServer, listen, PAGE_ORIGIN, startKit } from './kit.js';

/** For tests of the widget's backend calls in Node: a kit or plain servers per test, closed after each. */
export function serversPerTest() {
  let kit: Awaited<ReturnType<typeof startKit>> | undefined;
  const servers: Server[] = [];
  afterEach(async () => {
    await kit?.close();
    kit = undefined;
    await Promise.all(servers.splice(0).map((server) => closeServer(server)));
  });
  return {
    async start(...args: Parameters<typeof startKit>) {
      kit = await startKit(...args);
      return kit;
    },
    /** A plain server answering whatever the test needs, including what the kit never would. */
    async rawServer(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
      const server = createServer(handler);
      servers.push(server);
      return listen(server);
    },
  };
}

export function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

// In a browser the page sets Origin; in Node the widget's `headers` property stands in for it.
export function configFor(endpoint: string, extra: Partial<BackendConfig> = {}): BackendConfig {
  return { endpoint, headers: { Origin: PAGE_ORIGIN }, credentials: 'same-origin', ...extra };
}

export async function failure(promise: Promise<unknown>): Promise<TrussetVerifyError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TrussetVerifyError)) throw new Error(`expected a TrussetVerifyError, got ${String(error)}`);
  return error;
}
