import { KitError } from './errors.js';

/**
 * A body stream that fails has lost its client (a closed tab, a dropped connection): a client
 * event, not a fault of the kit, so a 4xx logged at info rather than INTERNAL_ERROR with a stack.
 * INVALID_REQUEST (the body is incomplete) rather than a code of its own: no client is left to
 * read the answer, and a new code would grow the contract and the widget's tables for nobody.
 */
function clientGone(cause: unknown): never {
  throw new KitError('INVALID_REQUEST', { details: 'the client closed the connection before the body arrived', cause });
}

type Read = ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>;

/**
 * The stream as text, or undefined as soon as it passes `limit` bytes, the rest never
 * downloaded: what a body costs is at most `limit` bytes of memory, whatever it claims. `each`
 * wraps every read (a deadline, a reading of its failure); on any failure the stream is cancelled.
 */
export async function readTextUpTo(stream: ReadableStream<Uint8Array> | null, limit: number, each: (read: Read) => Read = (read) => read): Promise<string | undefined> {
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await each(reader.read());
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return undefined;
      }
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}

/**
 * Reads the request body as text, stopping as soon as it passes `limit` bytes or `timeoutMs` has
 * gone by, so that a large, endless or trickling upload costs at most `limit` bytes of memory and
 * `timeoutMs` of waiting whatever its Content-Length says.
 */
export async function readLimitedText(request: Request, limit: number, timeoutMs: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) throw new KitError('PAYLOAD_TOO_LARGE', { details: `Content-Length over ${limit}` });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KitError('REQUEST_TIMEOUT', { details: `body incomplete after ${timeoutMs} ms` })), timeoutMs);
  });
  try {
    const text = await readTextUpTo(request.body, limit, (read) => Promise.race([read.catch(clientGone), deadline]));
    if (text === undefined) throw new KitError('PAYLOAD_TOO_LARGE', { details: `body passed ${limit} bytes` });
    return text;
  } finally {
    clearTimeout(timer);
  }
}
