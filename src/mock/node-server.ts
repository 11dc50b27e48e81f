import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toFetchRequest } from '../shared/node-request.js';
import { createMockTrusset } from './handler.js';
import type { MockTrusset, MockTrussetOptions } from './types.js';

/** Options of {@link startMockTrusset}. */
export interface StartMockTrussetOptions extends MockTrussetOptions {
  /** Port to listen on; default 0, any free port. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
}

/** The mock, listening. */
export interface RunningMockTrusset extends MockTrusset {
  /** Origin it listens on, such as `http://127.0.0.1:40123`. */
  url: string;
  /** Stops listening and drops every connection, idle or not; a second call waits for the first. */
  close(): Promise<void>;
}

async function serve(mock: MockTrusset, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  try {
    const host = req.headers.host === undefined ? origin : `http://${req.headers.host}`;
    const response = await mock.fetch(toFetchRequest(req, new URL(req.url ?? '/', host), gone.signal));
    if (res.destroyed) return;
    const body = Buffer.from(await response.arrayBuffer());
    // An unread request body would keep the connection busy: close it rather than drain it.
    if (!req.complete) res.setHeader('connection', 'close');
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': body.byteLength });
    res.end(body);
  } catch (error) {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Mock Trusset failed: ${(error as Error).message}`);
  }
}

/** Starts the mock as a Node HTTP server on 127.0.0.1 (by default on a free port). */
export async function startMockTrusset(options: StartMockTrussetOptions = {}): Promise<RunningMockTrusset> {
  const { port = 0, host = '127.0.0.1', ...mockOptions } = options;
  const mock = createMockTrusset(mockOptions);
  let origin = '';
  const server = createServer((req, res) => void serve(mock, origin, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    ...mock,
    url: origin,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}
