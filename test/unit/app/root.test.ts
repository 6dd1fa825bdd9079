/** The composition root without services: which modules run in which order, validation at build, rollback of a failed start. */
import { buildSidecar } from '../../../sidecar/src/app/root';
import { parseConfig } from '../../../sidecar/src/config/load';
import { createLogger, silentLogger } from '../../../sidecar/src/log/logger';

/** No MySQL listens on port 1: connecting fails at once. */
const config = (extra: Record<string, unknown> = {}) =>
  parseConfig(
    { mysql: { url: 'mysql://root@127.0.0.1:1/doflamingo_none' }, clusters: [{ id: '1', name: 'test', bootstrap: ['127.0.0.1:1'] }], ...extra },
    'test',
  );

const CORE = ['store', 'writer', 'maintenance', 'lag-admin', 'collection', 'alerting', 'lag-history'];

test.each([
  { title: 'serve: everything, the schedule and the API last', options: {}, modules: [...CORE, 'scheduler', 'api'] },
  { title: 'collect --once: no schedule, no API', options: { schedule: false, api: false }, modules: CORE },
  { title: 'tests on the schedule without the API', options: { api: false }, modules: [...CORE, 'scheduler'] },
])('$title', ({ options, modules }) => {
  expect(buildSidecar(config(), silentLogger, options).modules).toEqual(modules);
});

test.each([
  { title: 'no MySQL URL', cfg: () => parseConfig({ clusters: [{ id: '1', name: 'test' }] }, 'test'), error: /no MySQL URL/ },
  { title: 'a token variable that is not set', cfg: () => config({ api: { readTokenEnv: 'DOF_TEST_UNSET_TOKEN' } }), error: /DOF_TEST_UNSET_TOKEN/ },
])('building refuses a config that cannot work: $title', ({ cfg, error }) => {
  expect(() => buildSidecar(cfg(), silentLogger, { env: {} })).toThrow(error);
});

test('a failed start (MySQL unreachable) rejects with the store error after stopping what it started; stop() afterwards is a no-op', async () => {
  const lines: string[] = [];
  const sidecar = buildSidecar(
    config(),
    createLogger('debug', (l) => lines.push(l)),
    { api: false, schedule: false },
  );
  await expect(sidecar.start()).rejects.toThrow(/ECONNREFUSED|connect/);
  const logged = lines.map((l) => JSON.parse(l) as { msg: string; module?: string });
  expect(logged.find((l) => l.msg === 'module failed to start: stopping the started ones')).toMatchObject({ module: 'store' });
  expect(logged.filter((l) => l.msg === 'module stopped').map((l) => l.module)).toEqual(['store']);
  await sidecar.stop();
  await sidecar.stop();
  expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg).filter((m) => m === 'sidecar stopped')).toHaveLength(1);
});
