/** A hostile Jolokia agent for the caps' tests: one pattern matching a flood of beans. */
import { createServer } from 'http';
import type { AddressInfo } from 'net';

export interface FloodAgent {
  url: string;
  /** Bulk POSTs received. */
  posts: number;
  stop(): Promise<void>;
}

export const LOG_SIZE = 'kafka.log:type=Log,name=Size,topic=*,partition=*';

/**
 * A Jolokia agent whose log-size pattern matches `count` partitions (100,000: ~8 MB of JSON);
 * every other read answers 404. The beans' JSON is built once, before the
 * measurement, and written as is: the agent shares this process and must not be what a test measures.
 */
export async function startFloodAgent(count: number): Promise<FloodAgent> {
  const beans: Record<string, { Value: number }> = {};
  for (let i = 0; i < count; i++) beans[`kafka.log:type=Log,name=Size,topic=flood-${i % 1000},partition=${Math.floor(i / 1000)}`] = { Value: i };
  const beansJson = Buffer.from(JSON.stringify(beans));
  const state = { url: '', posts: 0, stop: (): Promise<void> => Promise.resolve() };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.posts++;
      const requests = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { mbean: string }[];
      res.writeHead(200, { 'Content-Type': 'application/json' });
      requests.forEach((r, i) => {
        res.write(i === 0 ? '[' : ',');
        if (r.mbean !== LOG_SIZE) {
          res.write(JSON.stringify({ request: r, status: 404, error_type: 'javax.management.InstanceNotFoundException', error: `${r.mbean} not found` }));
          return;
        }
        res.write(`{"request":${JSON.stringify(r)},"status":200,"value":`);
        res.write(beansJson);
        res.write('}');
      });
      res.end(']');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jolokia`;
  state.stop = () => new Promise((r) => (server.closeAllConnections(), server.close(() => r())));
  return state;
}
