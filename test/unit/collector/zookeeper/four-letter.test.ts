import net from 'net';
import { parseHostPort, sendFourLetterWord } from '../../../../sidecar/src/collector/zookeeper/four-letter';

/** A fake ZooKeeper client port: `reply(word, socket)` decides what happens after the 4 bytes arrive. */
async function fakeServer(reply: (word: string, socket: net.Socket) => void): Promise<{ address: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    let buf = '';
    s.on('data', (d) => {
      buf += d.toString();
      if (buf.length >= 4) reply(buf.slice(0, 4), s);
    });
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

async function closedPort(): Promise<string> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `127.0.0.1:${port}`;
}

describe('sendFourLetterWord against a fake server', () => {
  test('resolves with the whole answer, sent in several chunks, once the server closes', async () => {
    const srv = await fakeServer((word, s) => {
      s.write(`zk_version\t3.8.4\n`);
      setTimeout(() => s.end(`zk_server_state\tfollower\nzk_word\t${word}\n`), 10);
    });
    try {
      await expect(sendFourLetterWord(srv.address, 'mntr', 2000)).resolves.toBe('zk_version\t3.8.4\nzk_server_state\tfollower\nzk_word\tmntr\n');
    } finally {
      await srv.close();
    }
  });

  test('a word outside 4lw.commands.whitelist: NOT_WHITELISTED, not retriable, the message says so', async () => {
    const srv = await fakeServer((word, s) => s.end(`${word} is not executed because it is not in the whitelist.\n`));
    try {
      await expect(sendFourLetterWord(srv.address, 'mntr', 2000)).rejects.toMatchObject({
        name: 'CollectorError',
        code: 'NOT_WHITELISTED',
        retriable: false,
        message: expect.stringMatching(/"mntr" is not executed because it is not in the whitelist/),
      });
    } finally {
      await srv.close();
    }
  });

  test('a server without quorum: NOT_SERVING, retriable', async () => {
    const srv = await fakeServer((_w, s) => s.end('This ZooKeeper instance is not currently serving requests\n'));
    try {
      await expect(sendFourLetterWord(srv.address, 'mntr', 2000)).rejects.toMatchObject({ code: 'NOT_SERVING', retriable: true });
    } finally {
      await srv.close();
    }
  });

  test('a server that accepts but never answers: TIMEOUT after timeoutMs, retriable', async () => {
    const srv = await fakeServer(() => undefined);
    try {
      const started = Date.now();
      await expect(sendFourLetterWord(srv.address, 'mntr', 150)).rejects.toMatchObject({
        code: 'TIMEOUT',
        retriable: true,
        message: expect.stringMatching(/within 150 ms/),
      });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await srv.close();
    }
  });

  test('a server that answers forever is cut at the size limit: TOO_LARGE, not retriable', async () => {
    const srv = await fakeServer((_w, s) => {
      const chunk = 'x'.repeat(64 * 1024);
      const pump = (): void => {
        while (!s.destroyed && s.write(chunk));
        if (!s.destroyed) s.once('drain', pump);
      };
      pump();
    });
    try {
      await expect(sendFourLetterWord(srv.address, 'cons', 5000)).rejects.toMatchObject({ code: 'TOO_LARGE', retriable: false });
    } finally {
      await srv.close();
    }
  });

  test('a closed port: UNREACHABLE, retriable', async () => {
    await expect(sendFourLetterWord(await closedPort(), 'ruok', 2000)).rejects.toMatchObject({ code: 'UNREACHABLE', retriable: true });
  });

  test.each([
    ['localhost', 'mntr'],
    ['127.0.0.1:99999', 'mntr'],
    ['127.0.0.1:2181', 'MNTR'],
    ['127.0.0.1:2181', 'mntr\n'],
    ['127.0.0.1:2181', 'kill'.repeat(2)],
  ])('bad input %p / %p is a CONFIG error without any connection', async (addr, word) => {
    await expect(sendFourLetterWord(addr, word, 100)).rejects.toMatchObject({ code: 'CONFIG', retriable: false });
  });
});

describe('parseHostPort', () => {
  test.each([
    ['127.0.0.1:2181', { host: '127.0.0.1', port: 2181 }],
    ['zk-1.example.org:2182', { host: 'zk-1.example.org', port: 2182 }],
    ['[::1]:2181', { host: '::1', port: 2181 }],
    ['  zk:1 ', { host: 'zk', port: 1 }],
  ])('%p', (input, expected) => expect(parseHostPort(input)).toEqual(expected));

  test.each(['', 'zk', 'zk:', ':2181', 'zk:0', 'zk:65536', '::1:2181', 'a b:2181', 'zk:2181/kafka'])('rejects %p', (input) => {
    expect(parseHostPort(input)).toBeUndefined();
  });
});
