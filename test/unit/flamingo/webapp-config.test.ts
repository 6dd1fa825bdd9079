import { getProperty, listItems } from '../../../sidecar/src/flamingo/properties-edit';
import {
  applyConfigInstall,
  configAfterUninstall,
  doflamingoEntries,
  EXPOSE_KEY,
  planConfig,
  SIDECAR_TOKEN_KEY,
  SIDECAR_URL_KEY,
  undoConfigChange,
} from '../../../sidecar/src/flamingo/webapp-config';

/** Shaped like Flamingo 2's WEB-INF/config.properties: comments, continuation lines, the terminal's keys. */
const FLAMINGO = [
  '###############################',
  '## Flamingo 2 Configuration',
  '###############################',
  '',
  'jdbc.driverClassName=com.mysql.jdbc.Driver',
  'jdbc.url=jdbc:mysql://localhost:3306/flamingo2?useUnicode=true&characterEncoding=UTF8',
  'jdbc.username=flamingo',
  'jdbc.password=flamingo',
  '',
  '# Terminal (Node.js)',
  'terminal.server.ip=127.0.0.1',
  'terminal.server.port=8002',
  '',
  '# Keys the browser receives as config[...]',
  'web.expose.keys=terminal.server.ip,\\',
  '                terminal.server.port,\\',
  '                system.version',
  'system.version=2.0.0',
  '',
].join('\n');

const VARIANTS: Record<string, string> = {
  flamingo: FLAMINGO,
  crlf: FLAMINGO.replace(/\n/g, '\r\n'),
  noFinalNewline: FLAMINGO.trimEnd(),
  noExposeKey: 'jdbc.url=x\n# nothing exposed\n',
  exposeKeyLastWithoutNewline: 'a=1\nweb.expose.keys=terminal.server.ip',
  alreadyInstalledByHand: 'doflamingo.sidecar.url=http://old:1\nweb.expose.keys=doflamingo.sidecar.url',
  colonSeparator: 'web.expose.keys : terminal.server.ip\n',
  emptyFile: '',
};

const entries = doflamingoEntries('http://kafka-mon:8787', 'read-token');

test('the entries are the sidecar URL and, only when given, the read token', () => {
  expect(doflamingoEntries('http://h:1').map((e) => e.key)).toEqual([SIDECAR_URL_KEY]);
  expect(doflamingoEntries('http://h:1', '').map((e) => e.key)).toEqual([SIDECAR_URL_KEY]);
  expect(entries).toEqual([
    { key: SIDECAR_URL_KEY, value: 'http://kafka-mon:8787' },
    { key: SIDECAR_TOKEN_KEY, value: 'read-token' },
  ]);
});

test('install sets and exposes both keys and leaves every other line as it was', () => {
  const { text, change } = applyConfigInstall(FLAMINGO, entries);
  expect(getProperty(text, SIDECAR_URL_KEY)).toBe('http://kafka-mon:8787');
  expect(getProperty(text, SIDECAR_TOKEN_KEY)).toBe('read-token');
  expect(listItems(text, EXPOSE_KEY)).toEqual(['terminal.server.ip', 'terminal.server.port', 'system.version', SIDECAR_URL_KEY, SIDECAR_TOKEN_KEY]);
  const before = FLAMINGO.split('\n');
  const after = text.split('\n');
  expect(after.slice(0, 16)).toEqual(before.slice(0, 16)); // up to the last continuation line
  expect(after[16]).toBe('                system.version,doflamingo.sidecar.url,doflamingo.sidecar.token');
  expect(after[17]).toBe(before[17]);
  expect(after.slice(18)).toEqual(['doflamingo.sidecar.url=http://kafka-mon:8787', 'doflamingo.sidecar.token=read-token', '']);
  expect(change).toEqual({
    set: [
      { key: SIDECAR_URL_KEY, previous: null },
      { key: SIDECAR_TOKEN_KEY, previous: null },
    ],
    exposed: [SIDECAR_URL_KEY, SIDECAR_TOKEN_KEY],
    exposeKeyCreated: false,
  });
});

test.each(Object.entries(VARIANTS))('%s: undo after install gives back the exact bytes', (_name, original) => {
  const { text, change } = applyConfigInstall(original, entries);
  expect(text).not.toBe(original);
  expect(undoConfigChange(text, change)).toBe(original);
});

test.each(Object.entries(VARIANTS))('%s: installing again (planConfig with the previous install) gives the same bytes', (_name, original) => {
  const first = planConfig(original, entries);
  const second = planConfig(first.installed, entries, first);
  expect(second).toEqual(first);
  const third = planConfig(second.installed, entries, second);
  expect(third.installed).toBe(first.installed);
  expect(third.original).toBe(original);
});

test('a new URL on re-install replaces the old one without stacking list items', () => {
  const first = planConfig(FLAMINGO, entries);
  const second = planConfig(first.installed, doflamingoEntries('https://mon.example:9443'), first);
  expect(getProperty(second.installed, SIDECAR_URL_KEY)).toBe('https://mon.example:9443');
  expect(getProperty(second.installed, SIDECAR_TOKEN_KEY)).toBeUndefined();
  expect(listItems(second.installed, EXPOSE_KEY).filter((k) => k.startsWith('doflamingo.'))).toEqual([SIDECAR_URL_KEY]);
  expect(second.original).toBe(FLAMINGO);
});

test('keys that existed before the install get their old values back on undo', () => {
  const original = FLAMINGO + 'doflamingo.sidecar.url=http://old:1\n';
  const { text, change } = applyConfigInstall(original, entries);
  expect(change.set[0]).toEqual({ key: SIDECAR_URL_KEY, previous: 'http://old:1' });
  expect(undoConfigChange(text, change)).toBe(original);
});

test('an exposed key that was already listed stays listed after undo', () => {
  const original = 'web.expose.keys=doflamingo.sidecar.url\n';
  const { text, change } = applyConfigInstall(original, entries);
  expect(change.exposed).toEqual([SIDECAR_TOKEN_KEY]);
  expect(undoConfigChange(text, change)).toBe(original);
});

test('uninstall restores the exact original when the file is as installed, and undoes only our keys when it was edited since', () => {
  const plan = planConfig(FLAMINGO, entries);
  expect(configAfterUninstall(plan.installed, plan)).toEqual({ text: FLAMINGO, exact: true });
  const edited = plan.installed.replace('terminal.server.port=8002', 'terminal.server.port=9002') + 'added.by.operator=1\n';
  const after = configAfterUninstall(edited, plan);
  expect(after.exact).toBe(false);
  expect(after.text).toBe(FLAMINGO.replace('terminal.server.port=8002', 'terminal.server.port=9002') + 'added.by.operator=1\n');
});

test("an edited install is undone before installing again, so the operator's edits survive", () => {
  const plan = planConfig(FLAMINGO, entries);
  const edited = plan.installed.replace('jdbc.username=flamingo', 'jdbc.username=ops');
  const again = planConfig(edited, entries, plan);
  expect(again.original).toBe(FLAMINGO.replace('jdbc.username=flamingo', 'jdbc.username=ops'));
  expect(again.installed).toBe(plan.installed.replace('jdbc.username=flamingo', 'jdbc.username=ops'));
});
