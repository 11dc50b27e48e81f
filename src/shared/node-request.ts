import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/**
 * A Node request as a Fetch `Request`, for the kit's and the mock's Node servers. The body is
 * streamed rather than buffered, so that a handler's size limit stops reading an endless upload.
 */
export function toFetchRequest(req: IncomingMessage, url: URL, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    // HTTP/2 pseudo-headers (`:path`, …) are not headers a Fetch Request accepts.
    if (!name.startsWith(':')) headers.append(name, req.rawHeaders[i + 1] ?? '');
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers, signal });
  // A body parser that ran first has read the stream to its end; Node hands back a cancelled
  // stream for it, which Request refuses: the handler then sees an empty body.
  const body = req.readableEnded || req.destroyed ? '' : (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>);
  return new Request(url, { method, headers, signal, body, duplex: 'half' } as RequestInit);
}
