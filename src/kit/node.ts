import type { IncomingMessage, ServerResponse } from 'node:http';
import { toFetchRequest } from '../shared/node-request.js';
import { KitError } from './errors.js';
import type { TrussetHandler } from './handler.js';
import type { TrussetLogger } from './logger.js';
import { consoleLogger } from './logger.js';
import { failure } from './respond.js';

type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

// Methods a Fetch Request refuses to carry; no route serves them.
const FETCH_FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * The request's URL. `Host` is the client's text and may be no host at all ("a b", "x:99999"):
 * the handler routes by path only, so such a request is answered on `localhost`. User info
 * ("Host: a@b") is dropped, since a Fetch Request refuses a URL that has it.
 */
function requestUrl(target: string, host: string | undefined): URL | undefined {
  for (const base of [`http://${host ?? 'localhost'}`, 'http://localhost']) {
    try {
      const url = new URL(target, base);
      url.username = '';
      url.password = '';
      return url;
    } catch {
      // The next base; a target that no base makes a URL of is answered NOT_FOUND.
    }
  }
  return undefined;
}

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
        logger.warn('a body parser ran before trusset-verify-server: mount the kit before express.json() and similar');
      }
      const abort = new AbortController();
      res.once('close', () => abort.abort());
      const url = requestUrl(req.originalUrl ?? req.url ?? '/', req.headers.host);
      const request = url && !FETCH_FORBIDDEN_METHODS.has(req.method ?? 'GET') ? toFetchRequest(req, url, abort.signal) : undefined;
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const response = request
        ? await handler(request, { ip: req.socket.remoteAddress })
        : failure({ requestId: crypto.randomUUID(), corsOrigin: undefined, now: Date.now }, new KitError('NOT_FOUND', { details: 'a request target or method Fetch cannot carry' }));
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
