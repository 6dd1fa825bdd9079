import http from 'http';
import type { AddressInfo } from 'net';
import { fetchAdminCommand, fetchMonitor, MAX_ADMIN_ANSWER_BYTES } from '../../../../sidecar/src/collector/zookeeper/admin-client';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A fake AdminServer; `handler` answers every request. */
async function fakeAdmin(handler: Handler): Promise<{ url: string; paths: string[]; close: () => Promise<void> }> {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

const json =
  (body: unknown, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

async function withAdmin<T>(handler: Handler, fn: (url: string, paths: string[]) => Promise<T>): Promise<T> {
  const a = await fakeAdmin(handler);
  try {
    return await fn(a.url, a.paths);
  } finally {
    await a.close();
  }
}

describe('fetchMonitor', () => {
  test('GETs /commands/monitor (trailing slash tolerated) and returns numbers and strings without command/error', async () => {
    const body = { command: 'monitor', error: null, version: '3.8.4', server_state: 'leader', avg_latency: 2.5, znode_count: '91', learners: 2 };
    await withAdmin(json(body), async (url, paths) => {
      await expect(fetchMonitor(`${url}/`, 1000)).resolves.toEqual({
        version: '3.8.4',
        server_state: 'leader',
        avg_latency: 2.5,
        znode_count: 91,
        learners: 2,
      });
      expect(paths).toEqual(['/commands/monitor']);
    });
  });

  test('an old server reporting followers also gets learners', async () => {
    await withAdmin(json({ server_state: 'leader', followers: 2 }), async (url) => {
      await expect(fetchMonitor(url, 1000)).resolves.toEqual({ server_state: 'leader', followers: 2, learners: 2 });
    });
  });

  test('an answer with an error (no quorum): NOT_SERVING, retriable', async () => {
    await withAdmin(json({ command: 'monitor', error: 'This ZooKeeper instance is not currently serving requests' }), async (url) => {
      await expect(fetchMonitor(url, 1000)).rejects.toMatchObject({
        code: 'NOT_SERVING',
        retriable: true,
        message: expect.stringMatching(/not currently serving/),
      });
    });
  });

  test.each([
    ['not JSON', json('<html>hello</html>'), 'BAD_RESPONSE', true],
    ['an empty object', json({}), 'BAD_RESPONSE', true],
    ['a JSON array', json([1, 2]), 'BAD_RESPONSE', true],
    ['HTTP 500', json({ error: 'x' }, 500), 'HTTP_500', true],
    ['HTTP 404 (AdminServer without that command)', json('nope', 404), 'HTTP_404', false],
  ])('%s → %s', async (_what, handler, code, retriable) => {
    await withAdmin(handler, async (url) => {
      await expect(fetchMonitor(url, 1000)).rejects.toMatchObject({ name: 'CollectorError', code, retriable });
    });
  });

  test('a server that never answers: TIMEOUT after timeoutMs', async () => {
    await withAdmin(
      () => undefined,
      async (url) => {
        const started = Date.now();
        await expect(fetchMonitor(url, 150)).rejects.toMatchObject({ code: 'TIMEOUT', retriable: true });
        expect(Date.now() - started).toBeLessThan(1500);
      },
    );
  });

  test('an endless answer is cut at MAX_ADMIN_ANSWER_BYTES: TOO_LARGE, not retriable, well before the timeout', async () => {
    const endless: Handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', pump);
      };
      pump();
    };
    const started = Date.now();
    await withAdmin(endless, (url) =>
      expect(fetchMonitor(url, 30_000)).rejects.toMatchObject({
        code: 'TOO_LARGE',
        retriable: false,
        message: expect.stringContaining(`answer larger than ${MAX_ADMIN_ANSWER_BYTES} bytes`),
      }),
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  test('nothing listening: UNREACHABLE, retriable', async () => {
    const a = await fakeAdmin(json({}));
    await a.close();
    await expect(fetchMonitor(a.url, 1000)).rejects.toMatchObject({ code: 'UNREACHABLE', retriable: true });
  });

  test('a URL that is not http(s) is a CONFIG error', async () => {
    await expect(fetchAdminCommand('file:///etc/passwd', 'monitor', 100)).rejects.toMatchObject({ code: 'CONFIG', retriable: false });
  });

  test('the command name is URL-encoded', async () => {
    await withAdmin(json({ ok: 1 }), async (url, paths) => {
      await fetchAdminCommand(url, '../x y', 1000);
      expect(paths).toEqual(['/commands/..%2Fx%20y']);
    });
  });
});
