import net from 'net';
import { discoverBrokers, readControllerId } from '../../../sidecar/src/discovery/broker-discovery';
import { withZooKeeper } from '../../../sidecar/src/discovery/zk-session';

/** A TCP server that accepts ZooKeeper connections and never answers the handshake. */
async function silentServer(): Promise<{ address: string; open: () => number; accepted: () => number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((s) => {
    accepted++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.resume(); // read (and drop) the handshake so the client's hang-up is noticed
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    open: () => sockets.size,
    accepted: () => accepted,
    close: () => new Promise((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

const opts = { clusterId: 'c1', jolokiaUrlTemplate: 'http://{host}:{port}/jolokia', jolokiaPortBase: 8780 };

describe('ZooKeeper session deadline and cleanup (no real ZooKeeper)', () => {
  test('a server that never completes the handshake: TIMEOUT, retriable, and the connection is closed', async () => {
    const srv = await silentServer();
    try {
      const started = Date.now();
      await expect(discoverBrokers({ ...opts, zookeeper: `${srv.address}/kafka`, timeoutMs: 300 })).rejects.toMatchObject({
        name: 'CollectorError',
        code: 'TIMEOUT',
        retriable: true,
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(srv.accepted()).toBeGreaterThan(0);
      for (let i = 0; i < 150 && srv.open() > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(srv.open()).toBe(0);
    } finally {
      await srv.close();
    }
  });

  test('readControllerId has the same deadline', async () => {
    const srv = await silentServer();
    try {
      await expect(readControllerId({ zookeeper: srv.address, timeoutMs: 200 })).rejects.toMatchObject({ code: 'TIMEOUT', retriable: true });
    } finally {
      await srv.close();
    }
  });

  test.each(['', '127.0.0.1:2181/a//b'])('a connect string the client refuses (%p) is CONFIG, not retriable, and fn never runs', async (connect) => {
    const fn = jest.fn(async () => 1);
    await expect(withZooKeeper(connect, 200, fn)).rejects.toMatchObject({ code: 'CONFIG', retriable: false });
    expect(fn).not.toHaveBeenCalled();
  });
});
