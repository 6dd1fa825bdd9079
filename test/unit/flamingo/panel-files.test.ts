import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { applyPanels, checkPanelsDir, PANEL_TARGET, planPanels, removeInstalled } from '../../../sidecar/src/flamingo/panel-files';

let tmp: string;
let panels: string;
let webapp: string;

function write(root: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dof-panels-'));
  panels = path.join(tmp, 'dist/app/view/monitoring');
  webapp = path.join(tmp, 'webapp');
  write(panels, 'kafka/Kafka.js', 'Ext.define("Flamingo2.view.monitoring.kafka.Kafka",{});');
  write(panels, 'zookeeper/ZooKeeper.js', 'Ext.define("Flamingo2.view.monitoring.zookeeper.ZooKeeper",{});');
  write(panels, 'common/vendor/chart.umd.min.js', '/* chart */');
  write(panels, 'unrelated/Other.js', 'not ours to copy');
  write(webapp, `${PANEL_TARGET}/namenode/Namenode.js`, 'flamingo');
});

afterEach(() => rmSync(tmp, { recursive: true, force: true }));

test('a missing build is reported with the command that makes it', () => {
  expect(checkPanelsDir(path.join(tmp, 'nowhere'))[0]).toMatch(/ui-sencha\/build\.sh/);
  expect(checkPanelsDir(panels)).toEqual([]);
});

test('plans the copy of common, kafka and zookeeper into resources/app/view/monitoring, with the folders it creates', () => {
  const plan = planPanels(panels, webapp);
  expect(plan.copy.map((c) => c.to)).toEqual([
    'resources/app/view/monitoring/common/vendor/chart.umd.min.js',
    'resources/app/view/monitoring/kafka/Kafka.js',
    'resources/app/view/monitoring/zookeeper/ZooKeeper.js',
  ]);
  expect(plan.createDirs).toEqual([
    'resources/app/view/monitoring/kafka',
    'resources/app/view/monitoring/common',
    'resources/app/view/monitoring/zookeeper',
    'resources/app/view/monitoring/common/vendor',
  ]);
  expect(plan).toMatchObject({ alreadyPresent: [], conflicts: [], stale: [] });
  expect(existsSync(path.join(webapp, PANEL_TARGET, 'kafka'))).toBe(false); // planning changes nothing
});

test('a different file in the way is a conflict; an identical one is left alone and not claimed', () => {
  write(webapp, `${PANEL_TARGET}/kafka/Kafka.js`, 'someone else');
  write(webapp, `${PANEL_TARGET}/zookeeper/ZooKeeper.js`, 'Ext.define("Flamingo2.view.monitoring.zookeeper.ZooKeeper",{});');
  const plan = planPanels(panels, webapp);
  expect(plan.conflicts).toEqual(['resources/app/view/monitoring/kafka/Kafka.js']);
  expect(plan.alreadyPresent).toEqual(['resources/app/view/monitoring/zookeeper/ZooKeeper.js']);
  expect(plan.copy.map((c) => c.to)).toEqual(['resources/app/view/monitoring/common/vendor/chart.umd.min.js']);
});

test('files of a previous install are refreshed, and those the new build lacks are stale', () => {
  const first = planPanels(panels, webapp);
  applyPanels(first, webapp);
  write(webapp, `${PANEL_TARGET}/kafka/Old.js`, 'from an older build');
  write(panels, 'kafka/Kafka.js', 'new build');
  const previous = [...first.copy.map((c) => c.to), `${PANEL_TARGET}/kafka/Old.js`];
  const again = planPanels(panels, webapp, previous);
  expect(again.conflicts).toEqual([]);
  expect(again.copy.map((c) => c.to)).toEqual(first.copy.map((c) => c.to));
  expect(again.createDirs).toEqual([]);
  expect(again.stale).toEqual([`${PANEL_TARGET}/kafka/Old.js`]);
  applyPanels(again, webapp);
  expect(readFileSync(path.join(webapp, PANEL_TARGET, 'kafka/Kafka.js'), 'utf8')).toBe('new build');
});

test('removeInstalled removes the files and only the folders left empty', () => {
  const plan = planPanels(panels, webapp);
  applyPanels(plan, webapp);
  write(webapp, `${PANEL_TARGET}/zookeeper/operator-note.txt`, 'keep me');
  expect(
    removeInstalled(
      webapp,
      plan.copy.map((c) => c.to),
      plan.createDirs,
    ),
  ).toBe(3);
  expect(existsSync(path.join(webapp, PANEL_TARGET, 'kafka'))).toBe(false);
  expect(existsSync(path.join(webapp, PANEL_TARGET, 'common'))).toBe(false);
  expect(existsSync(path.join(webapp, PANEL_TARGET, 'zookeeper/operator-note.txt'))).toBe(true);
  expect(existsSync(path.join(webapp, PANEL_TARGET, 'namenode/Namenode.js'))).toBe(true);
});
