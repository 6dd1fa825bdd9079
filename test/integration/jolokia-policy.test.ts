/**
 * The shipped Jolokia policy (scripts/jolokia-access.xml) on the real agents of the local cluster:
 * one ZooKeeper server, one broker and one client JVM. Reads work; `write` and `exec` are refused
 * with the policy's 403, in every form (POST, GET, inside a bulk), and change nothing; a caller
 * outside `<remote>` is refused altogether.
 */
import http from 'http';
import path from 'path';
import { endpoints, type ClusterNode } from '../support/cluster';

interface JolokiaAnswer {
  status: number;
  value?: unknown;
  error?: string;
}

/** One HTTP request to an agent; `from` picks the local source address (the agent sees it as the caller). */
function call(url: string, body?: unknown, from = '127.0.0.1'): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      url,
      { method: data ? 'POST' : 'GET', localAddress: from, timeout: 10_000, headers: { 'Content-Type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(text));
          } catch (err) {
            reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`, { cause: err }));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end(data);
  });
}

const post = async (node: ClusterNode, body: unknown): Promise<JolokiaAnswer> => (await call(`${node.jolokia}/`, body)) as JolokiaAnswer;
const verbose = async (node: ClusterNode): Promise<unknown> => (await post(node, { type: 'read', mbean: 'java.lang:type=Memory', attribute: 'Verbose' })).value;

const agents = (['zookeeper', 'kafka-broker', 'kafka-client'] as const).map((kind) => {
  const node = endpoints().nodes.find((n) => n.kind === kind && n.jolokia);
  if (!node) throw new Error(`the local cluster has no ${kind} with a Jolokia agent`);
  return node;
});

describe.each(agents.map((n) => [`${n.kind} ${n.key}`, n] as const))('the Jolokia policy on %s', (_name, node) => {
  test('the agent runs with the shipped policy file', async () => {
    const version = await post(node, { type: 'version' });
    expect(version.status).toBe(200);
    const config = (version.value as { config: Record<string, string> }).config;
    expect(config.policyLocation).toMatch(/^file:\/\//);
    expect(path.basename(config.policyLocation!)).toBe('jolokia-access.xml');
    expect(path.basename(path.dirname(config.policyLocation!))).toBe('scripts');
  });

  test('read, list and search work', async () => {
    expect(await verbose(node)).toBe(false);
    const uptime = await post(node, { type: 'read', mbean: 'java.lang:type=Runtime', attribute: 'Uptime' });
    expect(uptime).toMatchObject({ status: 200 });
    expect(typeof uptime.value).toBe('number');
    expect(await post(node, { type: 'list', path: 'java.lang/type=Memory' })).toMatchObject({ status: 200 });
    const found = await post(node, { type: 'search', mbean: 'java.lang:type=Memory' });
    expect(found).toMatchObject({ status: 200, value: ['java.lang:type=Memory'] });
  });

  test('write is refused with 403 and changes nothing', async () => {
    const answer = await post(node, { type: 'write', mbean: 'java.lang:type=Memory', attribute: 'Verbose', value: true });
    expect(answer).toMatchObject({ status: 403, error: expect.stringMatching(/Writing attribute Verbose forbidden/) });
    expect(await verbose(node)).toBe(false);
  });

  test('exec is refused with 403, by POST, by GET and inside a bulk whose reads still work', async () => {
    const gc = { type: 'exec', mbean: 'java.lang:type=Memory', operation: 'gc' };
    expect(await post(node, gc)).toMatchObject({ status: 403, error: expect.stringMatching(/Operation gc forbidden/) });
    expect(await call(`${node.jolokia}/exec/java.lang:type=Memory/gc`)).toMatchObject({ status: 403 });
    const bulk = (await call(`${node.jolokia}/`, [{ type: 'read', mbean: 'java.lang:type=Memory', attribute: 'Verbose' }, gc])) as JolokiaAnswer[];
    expect(bulk.map((a) => a.status)).toEqual([200, 403]);
  });

  test('a caller outside <remote> (here 127.0.0.2) is refused even a read', async () => {
    const answer = (await call(`${node.jolokia}/read/java.lang:type=Memory/Verbose`, undefined, '127.0.0.2')) as JolokiaAnswer;
    expect(answer).toMatchObject({ status: 403, error: expect.stringMatching(/No access from client 127\.0\.0\.2/) });
  });
});

test("a broker's log level cannot be changed through the agent (Log4jController's setLogLevel is an exec)", async () => {
  const broker = agents.find((n) => n.kind === 'kafka-broker')!;
  const logger = 'kafka.server.ReplicaManager';
  const levelOf = async (): Promise<string | undefined> => {
    const read = await post(broker, { type: 'read', mbean: 'kafka:type=kafka.Log4jController', attribute: 'Loggers' });
    return (read.value as string[]).find((l) => l.startsWith(`${logger}=`));
  };
  const before = await levelOf();
  expect(before).toBeDefined();
  const answer = await post(broker, { type: 'exec', mbean: 'kafka:type=kafka.Log4jController', operation: 'setLogLevel', arguments: [logger, 'TRACE'] });
  expect(answer).toMatchObject({ status: 403, error: expect.stringMatching(/Operation setLogLevel forbidden/) });
  expect(await levelOf()).toBe(before);
  expect(before).not.toBe(`${logger}=TRACE`);
});
