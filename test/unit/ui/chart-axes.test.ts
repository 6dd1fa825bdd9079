/** ChartBoxOptions.yAxis (run from its TypeScript source in a VM): the y axis each unit gets. */
import { COMMON, loadPanels } from '../../browser/support/panel-vm';

const vmx = loadPanels([...COMMON, 'common/ChartBoxOptions.ts']);
const Options = vmx.get('Flamingo2.view.monitoring.common.ChartBoxOptions');
const fmt = (v: number): string => String(v);

test('a ratio axis is 0..100 % whatever the data (Kafka idle meters briefly read over 1)', () => {
  const axis = Options.yAxis('ratio', 'left', false, fmt);
  expect([axis.min, axis.max]).toEqual([0, 1]);
});

test('other units scale with the data', () => {
  for (const unit of ['messages', 'ms', 'bytes/s', 'count']) {
    const axis = Options.yAxis(unit, 'left', false, fmt);
    expect([unit, axis.max]).toEqual([unit, undefined]);
  }
  expect(Options.yAxis('ratio', 'left', true, fmt).max).toBeUndefined(); // a log axis is never pinned
});
