/**
 * Reads an HTTP answer's body as a stream with a byte cap, so a hostile or broken target can
 * never make the sidecar hold more than `maxBytes` of it: a `Content-Length` over the cap is
 * refused before a byte is read, and a body that grows past it is cancelled at once (the
 * connection is closed, nothing more is read). Over the cap → CollectorError `TOO_LARGE`, not
 * retriable (retrying within the tick would read the same answer again).
 */
import { CollectorError } from '../core/collection';

export function tooLarge(url: string, maxBytes: number): CollectorError {
  return new CollectorError('TOO_LARGE', `${url}: answer larger than ${maxBytes} bytes`, false);
}

/** The whole body as UTF-8 text, at most `maxBytes` bytes; rejects with `TOO_LARGE` beyond, or with the stream's own error. */
export async function readCappedText(res: Response, maxBytes: number, url: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(url, maxBytes);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
