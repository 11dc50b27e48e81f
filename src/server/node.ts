import type { IncomingMessage, ServerResponse } from 'node:http';
import { toFetchRequest } from '../shared/node-request.js';
import type { TrussetHandler } from './handler.js';
import type { TrussetLogger } from './logger.js';
import { consoleLogger } from './logger.js';

type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/**
 * A `node:http` request listener (also Express middleware) around the Fetch handler. The body
 * is streamed, not buffered, so the handler's size limit holds; the socket's address becomes
 * `context.ip`. In Express, mount it before any body parser: a parsed body cannot be read again.
 */
export function toNodeListener(handler: TrussetHandler, options: { logger?: TrussetLogger } = {}) {
  const logger = options.logger ?? consoleLogger;
  let warned = false;
  return async function trussetNodeListener(req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void): Promise<void> {
    try {
      if (req.body !== undefined && !warned) {
        warned = true;
        logger.warn('a body parser ran before trusset-verify/server: mount the kit before express.json() and similar');
      }
      const abort = new AbortController();
      res.once('close', () => abort.abort());
      const request = toFetchRequest(req, new URL(req.originalUrl ?? req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), abort.signal);
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const response = await handler(request, { ip: req.socket.remoteAddress });
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      // The handler answered without reading the whole body (a 413, a 403): close the connection
      // rather than drain an upload that may never end.
      if (hasBody && !req.readableEnded) res.setHeader('Connection', 'close');
      res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
    } catch (error) {
      if (next) next(error);
      else if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    }
  };
}
