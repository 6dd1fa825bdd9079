import { createServer, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { readCappedText } from '../../../sidecar/src/collector/capped-body';
import { JolokiaClient } from '../../../sidecar/src/collector/jolokia/jolokia-client';
import { CollectorError } from '../../../sidecar/src/core/collection';

/** A real local HTTP server; `answer` writes each response. Counts the bytes it managed to write. */
async function serve(
  answer: (res: ServerResponse, written: { bytes: number }) => void,
): Promise<{ url: string; written: { bytes: number }; closed: Promise<void>; stop(): Promise<void> }> {
  const written = { bytes: 0 };
  let markClosed = (): void => undefined;
  const closed = new Promise<void>((r) => (markClosed = r));
  const server: Server = createServer((req, res) => {
    req.resume();
    res.on('close', () => markClosed());
    answer(res, written);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jolokia`,
    written,
    closed,
    stop: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** Writes 64 KiB chunks for as long as the client reads them (never ends by itself). */
function endless(res: ServerResponse, written: { bytes: number }): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('[');
  const pump = (): void => {
    while (!res.destroyed) {
      written.bytes += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
  };
  pump();
}

const MiB = 1024 * 1024;

describe('readCappedText', () => {
  test('an endless body is cut at the cap: TOO_LARGE, not retriable, the connection closed, heap bounded', async () => {
    const s = await serve(endless);
    try {
      const heapBefore = process.memoryUsage().heapUsed;
      const res = await fetch(s.url);
      const err = await readCappedText(res, 4 * MiB, s.url).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CollectorError);
      expect(err).toMatchObject({ code: 'TOO_LARGE', retriable: false, message: `${s.url}: answer larger than ${4 * MiB} bytes` });
      await s.closed;
      // the server stops being read soon after the cap (socket buffers only), not after gigabytes
      expect(s.written.bytes).toBeLessThan(4 * MiB + 16 * MiB);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * MiB);
    } finally {
      await s.stop();
    }
  });

  test('a Content-Length over the cap is refused before the body is read', async () => {
    const s = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * MiB) });
      res.write('[');
    });
    try {
      const res = await fetch(s.url);
      await expect(readCappedText(res, MiB, s.url)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    } finally {
      await s.stop();
    }
  });

  test.each([
    ['empty', '', 10],
    ['exactly at the cap', 'x'.repeat(10), 10],
    ['multi-byte UTF-8 split across chunks', 'é€'.repeat(50_000), 1_000_000],
  ])('%s: read whole', async (_name, body, cap) => {
    const s = await serve((res) => {
      res.writeHead(200);
      const b = Buffer.from(body, 'utf8');
      // write in odd-sized pieces so characters straddle chunks
      for (let i = 0; i < b.length; i += 4097) res.write(b.subarray(i, i + 4097));
      res.end();
    });
    try {
      expect(await readCappedText(await fetch(s.url), cap, s.url)).toBe(body);
    } finally {
      await s.stop();
    }
  });

  test('one byte over the cap is too large', async () => {
    const s = await serve((res) => res.end('x'.repeat(11)));
    try {
      await expect(readCappedText(await fetch(s.url), 10, s.url)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    } finally {
      await s.stop();
    }
  });
});

describe('JolokiaClient with a byte cap', () => {
  test('an endless answer fails the read with TOO_LARGE long before the timeout', async () => {
    const s = await serve(endless);
    try {
      const client = new JolokiaClient(s.url, { timeoutMs: 20_000, maxResponseBytes: 2 * MiB });
      const started = Date.now();
      await expect(client.bulkRead([{ type: 'read', mbean: 'java.lang:type=Memory', attribute: ['HeapMemoryUsage'] }])).rejects.toMatchObject({
        code: 'TOO_LARGE',
        retriable: false,
      });
      expect(Date.now() - started).toBeLessThan(20_000);
      await s.closed;
    } finally {
      await s.stop();
    }
  });

  test('an answer under the cap is decoded', async () => {
    const s = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(JSON.stringify([{ status: 200, value: { used: 1 } }]));
    });
    try {
      const client = new JolokiaClient(s.url, { timeoutMs: 5000, maxResponseBytes: MiB });
      expect(await client.bulkRead([{ type: 'read', mbean: 'java.lang:type=Memory', attribute: ['HeapMemoryUsage'] }])).toEqual([
        { status: 200, value: { used: 1 } },
      ]);
    } finally {
      await s.stop();
    }
  });
});
