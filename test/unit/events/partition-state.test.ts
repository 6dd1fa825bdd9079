import type { ZkReader } from '../../../sidecar/src/discovery/zk-session';
import { readClusterState } from '../../../sidecar/src/events/partition-state';
import { CollectorError } from '../../../sidecar/src/core/collection';

const stateJson = (leader: number, isr: number[], epoch = 3) => JSON.stringify({ controller_epoch: 7, leader, version: 1, leader_epoch: epoch, isr });

/** A fake ZooKeeper tree: path → data (string) or children (string[]); hooks run before a read. */
function fakeZk(tree: Record<string, string | string[]>, hooks: { beforeRead?: (path: string) => void; fail?: string } = {}) {
  let inFlight = 0;
  const stats = { reads: 0, maxInFlight: 0, order: [] as string[] };
  const read = async <T>(path: string, want: 'data' | 'children'): Promise<T | undefined> => {
    stats.reads++;
    stats.order.push(path);
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    try {
      await new Promise((r) => setImmediate(r));
      hooks.beforeRead?.(path);
      if (hooks.fail === path) throw new CollectorError('ZK_ERROR', `reading ${path}: CONNECTION_LOSS`, true);
      const v = tree[path];
      if (v === undefined) return undefined;
      if (want === 'children') return (Array.isArray(v) ? v : []) as T;
      return (Array.isArray(v) ? Buffer.alloc(0) : Buffer.from(v)) as T;
    } finally {
      inFlight--;
    }
  };
  const zk: ZkReader = { getChildren: (p) => read<string[]>(p, 'children'), getData: (p) => read<Buffer>(p, 'data') };
  return { zk, stats };
}

const TREE: Record<string, string | string[]> = {
  '/controller': '{"version":2,"brokerid":2,"timestamp":"1700000000000"}',
  '/controller_epoch': '7',
  '/brokers/ids': ['3', '1', '2', 'not-a-broker'],
  '/brokers/topics': ['orders', 'clicks'],
  '/brokers/topics/orders/partitions': ['0', '1', '2'],
  '/brokers/topics/orders/partitions/0/state': stateJson(1, [1, 2, 3]),
  '/brokers/topics/orders/partitions/1/state': stateJson(2, [2, 3]),
  '/brokers/topics/orders/partitions/2/state': stateJson(-1, [3]),
  '/brokers/topics/clicks/partitions': ['0'],
  '/brokers/topics/clicks/partitions/0/state': stateJson(3, [3, 1]),
};

describe('readClusterState', () => {
  test('controller, epoch, every partition state and the live brokers', async () => {
    const s = await readClusterState(fakeZk(TREE).zk);
    expect(s.controller).toBe(2);
    expect(s.controllerEpoch).toBe(7);
    expect(s.liveBrokers).toEqual([1, 2, 3]);
    expect([...s.topics.keys()]).toEqual(['clicks', 'orders']);
    expect(Object.fromEntries(s.topics.get('orders') ?? [])).toEqual({
      0: { leader: 1, leaderEpoch: 3, isr: [1, 2, 3], controllerEpoch: 7 },
      1: { leader: 2, leaderEpoch: 3, isr: [2, 3], controllerEpoch: 7 },
      2: { leader: -1, leaderEpoch: 3, isr: [3], controllerEpoch: 7 },
    });
  });

  test('no /controller (election under way) and no /controller_epoch: both absent', async () => {
    const { ['/controller']: _c, ['/controller_epoch']: _e, ...rest } = TREE;
    const s = await readClusterState(fakeZk(rest).zk);
    expect(s.controller).toBeUndefined();
    expect(s.controllerEpoch).toBeUndefined();
    expect(s.topics.size).toBe(2);
  });

  test('a topic deleted between listing and reading is absent, not an error', async () => {
    const tree = { ...TREE };
    const { zk } = fakeZk(tree, {
      beforeRead: (path) => {
        if (path === '/brokers/topics/clicks/partitions') for (const k of Object.keys(tree)) if (k.startsWith('/brokers/topics/clicks')) delete tree[k];
      },
    });
    const s = await readClusterState(zk);
    expect([...s.topics.keys()]).toEqual(['orders']);
  });

  test('a partition state deleted meanwhile, unreadable or not written yet is left out', async () => {
    const tree: Record<string, string | string[]> = {
      ...TREE,
      '/brokers/topics/orders/partitions/1/state': 'garbage',
      '/brokers/topics/orders/partitions': ['0', '1', '2', '3'],
    };
    const { zk } = fakeZk(tree, { beforeRead: (p) => p === '/brokers/topics/orders/partitions/0/state' && delete tree[p] });
    const s = await readClusterState(zk);
    expect([...(s.topics.get('orders')?.keys() ?? [])]).toEqual([2]);
  });

  test('topic and partition names that are not Kafka names are never read', async () => {
    const tree = { ...TREE, '/brokers/topics': ['orders', '../x', 'a b'], '/brokers/topics/orders/partitions': ['0', 'x'] };
    const { zk, stats } = fakeZk(tree);
    const s = await readClusterState(zk);
    expect([...s.topics.keys()]).toEqual(['orders']);
    expect(stats.order.filter((p) => p.includes('..') || p.includes(' ') || p.includes('/x/'))).toEqual([]);
  });

  test('/brokers/ids is read after the partition states', async () => {
    const { zk, stats } = fakeZk(TREE);
    await readClusterState(zk);
    expect(stats.order[stats.order.length - 1]).toBe('/brokers/ids');
  });

  test('no /brokers/topics (wrong chroot): NOT_FOUND, not retriable', async () => {
    const { ['/brokers/topics']: _t, ...rest } = TREE;
    await expect(readClusterState(fakeZk(rest).zk)).rejects.toMatchObject({ code: 'NOT_FOUND', retriable: false });
  });

  test('a ZooKeeper error rejects the whole reading (no partial state)', async () => {
    await expect(readClusterState(fakeZk(TREE, { fail: '/brokers/topics/orders/partitions/1/state' }).zk)).rejects.toMatchObject({
      code: 'ZK_ERROR',
      retriable: true,
    });
  });

  test('reads stay within the concurrency bound', async () => {
    const tree: Record<string, string | string[]> = {
      ...TREE,
      '/brokers/topics': ['big'],
      '/brokers/topics/big/partitions': Array.from({ length: 200 }, (_, i) => String(i)),
    };
    for (let i = 0; i < 200; i++) tree[`/brokers/topics/big/partitions/${i}/state`] = stateJson(1, [1]);
    const { zk, stats } = fakeZk(tree);
    const s = await readClusterState(zk, { concurrency: 5 });
    expect(s.topics.get('big')?.size).toBe(200);
    // the three first reads (controller, epoch, topics) go together; then at most 5 at once
    expect(stats.maxInFlight).toBeLessThanOrEqual(5);
    expect(stats.maxInFlight).toBeGreaterThan(1);
  });
});
