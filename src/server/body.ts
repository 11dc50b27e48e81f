import { KitError } from './errors.js';

/**
 * Reads the body as text, stopping as soon as it passes `limit` bytes or `timeoutMs` has gone by,
 * so that a large, endless or trickling upload costs at most `limit` bytes of memory and
 * `timeoutMs` of waiting whatever its Content-Length says.
 */
/**
 * A body stream that fails has lost its client (a closed tab, a dropped connection): a client
 * event, not a fault of the kit, so a 4xx logged at info rather than INTERNAL_ERROR with a stack.
 * INVALID_REQUEST (the body is incomplete) rather than a code of its own: no client is left to
 * read the answer, and a new code would grow the contract and the widget's tables for nobody.
 */
function clientGone(cause: unknown): never {
  throw new KitError('INVALID_REQUEST', { details: 'the client closed the connection before the body arrived', cause });
}

export async function readLimitedText(request: Request, limit: number, timeoutMs: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) throw new KitError('PAYLOAD_TOO_LARGE', { details: `Content-Length over ${limit}` });
  if (!request.body) return '';
  const reader = request.body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KitError('REQUEST_TIMEOUT', { details: `body incomplete after ${timeoutMs} ms` })), timeoutMs);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read().catch(clientGone), deadline]);
      if (done) break;
      size += value.byteLength;
      if (size > limit) throw new KitError('PAYLOAD_TOO_LARGE', { details: `body passed ${limit} bytes` });
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
