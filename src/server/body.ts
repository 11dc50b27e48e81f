import { KitError } from './errors.js';

/**
 * Reads the body as text, stopping as soon as it passes `limit` bytes, so that a large or
 * endless upload costs at most `limit` bytes of memory whatever its Content-Length says.
 */
export async function readLimitedText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) throw new KitError('PAYLOAD_TOO_LARGE', { details: `Content-Length ${declared} > ${limit}` });
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new KitError('PAYLOAD_TOO_LARGE', { details: `body passed ${limit} bytes` });
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
