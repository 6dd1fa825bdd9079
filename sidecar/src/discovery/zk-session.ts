/**
 * A short read-only ZooKeeper session (node-zookeeper-client) with one deadline for connecting
 * and reading, always closed afterwards. The connect string may carry a chroot
 * (`zk1:2181,zk2:2181/kafka`): every path is then relative to it.
 */
import zookeeper from 'node-zookeeper-client';
import { CollectorError } from '../core/collection';

/** Promise-style reads; `undefined` when the znode does not exist. */
export interface ZkReader {
  getChildren(path: string): Promise<string[] | undefined>;
  getData(path: string): Promise<Buffer | undefined>;
}

/** node-zookeeper-client's Exception carries its code name (`NO_NODE`) as `name`. */
const isNoNode = (err: unknown): boolean => {
  const e = err as { name?: unknown; message?: unknown } | null;
  return e?.name === 'NO_NODE' || /NO_NODE/.test(String(e?.message ?? ''));
};

function read<T>(path: string, fn: (cb: (err: Error | null, v: T) => void) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) =>
    fn((err, v) => {
      if (!err) return resolve(v);
      if (isNoNode(err)) return resolve(undefined);
      reject(new CollectorError('ZK_ERROR', `reading ${path}: ${err.message}`, true, { cause: err }));
    }),
  );
}

/**
 * Opens a session on `connect`, runs `fn`, closes the session. Rejects with CollectorError:
 * `CONFIG` (not retriable) for a connect string the client refuses, `TIMEOUT` (retriable) when
 * connecting plus `fn` take longer than `timeoutMs`, or whatever `fn` rejects with.
 */
export async function withZooKeeper<T>(connect: string, timeoutMs: number, fn: (zk: ZkReader) => Promise<T>): Promise<T> {
  let client: ReturnType<typeof zookeeper.createClient>;
  try {
    client = zookeeper.createClient(connect, { sessionTimeout: Math.max(timeoutMs, 4000), retries: 0, spinDelay: 200 });
  } catch (err) {
    throw new CollectorError('CONFIG', `bad ZooKeeper connect string ${JSON.stringify(connect.slice(0, 200))}: ${(err as Error).message}`, false, {
      cause: err,
    });
  }
  const reader: ZkReader = {
    getChildren: (path) => read<string[]>(path, (cb) => client.getChildren(path, cb)),
    getData: (path) => read<Buffer | undefined>(path, (cb) => client.getData(path, cb)).then((b) => b ?? undefined),
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CollectorError('TIMEOUT', `ZooKeeper ${connect} did not answer within ${timeoutMs} ms`, true)), timeoutMs);
  });
  const work = (async () => {
    await new Promise<void>((resolve) => {
      client.once('connected', () => resolve());
      client.connect();
    });
    return fn(reader);
  })();
  work.catch(() => undefined); // lost the race against the deadline: nobody listens any more
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    closeClient(client);
  }
}

/** The library internals touched by closeClient (not part of its API, hence all optional). */
interface ClientInternals {
  connectionManager?: { state?: number; socket?: { destroy?: () => void } };
}

/** node-zookeeper-client's connection state CLOSED. */
const ZK_STATE_CLOSED = -2;
/** How long a graceful close (CLOSE_SESSION answered by the server) may take before the socket is destroyed. */
const GRACEFUL_CLOSE_MS = 1000;

/**
 * Closes the session. The library's close() only queues CLOSE_SESSION and waits for the server to
 * hang up, so a server that accepted the TCP connection but never answers (frozen process) would
 * keep the socket open forever, one more per discovery run: the socket is destroyed if the
 * library has not closed it after GRACEFUL_CLOSE_MS.
 */
function closeClient(client: ReturnType<typeof zookeeper.createClient>): void {
  try {
    client.close();
  } catch {
    // closing a session that never got a socket throws inside the library: nothing to close
  }
  const cm = (client as unknown as ClientInternals).connectionManager;
  const force = (): void => {
    if (cm && cm.state !== ZK_STATE_CLOSED) cm.socket?.destroy?.();
  };
  setTimeout(force, GRACEFUL_CLOSE_MS).unref();
}
