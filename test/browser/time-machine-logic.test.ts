/**
 * The time machine's pure parts, run from their TypeScript sources in a VM (no browser, no
 * cluster): the CSV builder (quoting, CSV-injection guard, rows of what charts show, file names)
 * and the window helpers (typed windows, the window around an instant, comparison offsets).
 */
import { parseCsv } from './support/csv';
import { COMMON, loadPanels } from './support/panel-vm';

const vm = loadPanels([...COMMON, 'common/TimeMachineMath.ts', 'common/CsvExport.ts']);
const Csv = vm.get('Flamingo2.view.monitoring.common.CsvExport');
const TM = vm.get('Flamingo2.view.monitoring.common.TimeMachineMath');

describe('CsvExport', () => {
  test('header, one row per point, ISO times, CRLF and a UTF-8 BOM', () => {
    const text: string = Csv.build([
      { time: Date.UTC(2026, 10, 24, 14, 5), chart: 'Bytes in', series: 'broker-1', value: 1536.5 },
      { time: Date.UTC(2026, 10, 24, 14, 5, 10), chart: 'Bytes in', series: 'broker-2', value: 0 },
    ]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe(
      'time,chart,series,value\r\n2026-11-24T14:05:00.000Z,Bytes in,broker-1,1536.5\r\n2026-11-24T14:05:10.000Z,Bytes in,broker-2,0\r\n',
    );
  });

  test.each([
    ['orders', 'orders'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    [' padded', '" padded"'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['토픽-주문', '토픽-주문'],
  ])('text cell %j → %j', (raw, cell) => {
    expect(Csv.textCell(raw)).toBe(cell);
  });

  test('hostile names read back as the same text (guarded formulas keep their apostrophe); numbers stay numbers', () => {
    const names = ['=1+1', 'a,"b"\r\nc', '-negative', 'group <b>x</b>'];
    const rows = names.map((n, i) => ({ time: 1_700_000_000_000 + i * 10_000, chart: 'Lag, per "group"', series: n, value: -i * 2.5 }));
    const back = parseCsv(Csv.build(rows) as string);
    expect(back[0]).toEqual(['time', 'chart', 'series', 'value']);
    expect(back.slice(1).map((r) => r[2])).toEqual(["'=1+1", 'a,"b"\r\nc', "'-negative", 'group <b>x</b>']);
    expect(back.slice(1).map((r) => r[1])).toEqual(names.map(() => 'Lag, per "group"'));
    expect(back.slice(1).map((r) => Number(r[3]))).toEqual([0, -2.5, -5, -7.5]);
    expect(back.slice(1).map((r) => Date.parse(r[0] as string))).toEqual(rows.map((r) => r.time));
  });

  test('rows: every point of every line and comparison line, chart by chart; thresholds left out', () => {
    const rows = Csv.rows([
      {
        title: 'Heap',
        datasets: [
          {
            label: 'broker-1',
            data: [
              { x: 1, y: 10 },
              { x: 2, y: 11 },
            ],
          },
          {
            label: 'Limit',
            data: [
              { x: 1, y: 99 },
              { x: 2, y: 99 },
            ],
            dfThreshold: true,
          },
          { label: 'broker-1 (now)', data: [{ x: 1, y: 12 }], dfCompare: true },
        ],
      },
      { title: 'Lag', datasets: [{ label: 'g1', data: [{ x: 3, y: 0 }] }] },
    ]);
    expect(rows).toEqual([
      { time: 1, chart: 'Heap', series: 'broker-1', value: 10 },
      { time: 2, chart: 'Heap', series: 'broker-1', value: 11 },
      { time: 1, chart: 'Heap', series: 'broker-1 (now)', value: 12 },
      { time: 3, chart: 'Lag', series: 'g1', value: 0 },
    ]);
  });

  test('a non-finite value is an empty cell', () => {
    expect((Csv.build([{ time: 0, chart: 'c', series: 's', value: NaN }]) as string).trim().split('\r\n')[1]).toBe('1970-01-01T00:00:00.000Z,c,s,');
  });

  test('file names keep only safe characters', () => {
    expect(Csv.fileName(['1', 'kafka', 'KafkaOverview', '202611241405'])).toBe('doflamingo-1-kafka-KafkaOverview-202611241405.csv');
    expect(Csv.fileName(['../../etc/passwd', 'a b', '<x>'])).toBe('doflamingo-etc-passwd-a-b-x.csv');
  });
});

describe('TimeMachineMath', () => {
  test.each([
    ['15m', 15 * 60e3],
    ['1h', 3600e3],
    ['24h', 86400e3],
    ['7d', 7 * 86400e3],
    ['1h30m', 90 * 60e3],
    ['90 min', 90 * 60e3],
    [' 2H ', 2 * 3600e3],
    ['1w', 7 * 86400e3],
    ['30d', 30 * 86400e3],
  ])('window %j = %d ms', (text, ms) => {
    expect(TM.parseWindow(text)).toBe(ms);
  });

  test.each(['', 'abc', '5', '-1h', '31d', '30s', '1h;drop', '0m', '99999d'])('not a window: %j', (text) => {
    expect(TM.parseWindow(text)).toBeNull();
  });

  test('labels read back', () => {
    for (const ms of [15 * 60e3, 3600e3, 90 * 60e3, 86400e3, 7 * 86400e3, 36 * 3600e3]) expect(TM.parseWindow(TM.windowLabel(ms))).toBe(ms);
    expect(TM.windowLabel(90 * 60e3)).toBe('1h30m');
  });

  test('the window is centred on the instant, never past now', () => {
    const now = 1_800_000_000_000;
    expect(TM.windowAround(now - 600e3, 900e3, now)).toEqual({ from: now - 1050e3, to: now - 150e3 });
    expect(TM.windowAround(now - 60e3, 900e3, now)).toEqual({ from: now - 900e3, to: now });
  });

  test('comparison offsets: now shifts the latest window back onto this one, the rest look earlier', () => {
    const now = 1_800_000_000_000;
    expect(TM.compareOffset('now', now - 3600e3, now)).toBe(-3600e3);
    expect(TM.compareOffset('1d', now, now)).toBe(86400e3);
    expect(TM.compareOffset('1w', now, now)).toBe(7 * 86400e3);
    expect(TM.compareOffset('off', now, now)).toBe(0);
  });

  test('local stamps', () => {
    const ts = new Date(2026, 10, 24, 14, 5, 9).getTime();
    expect(TM.stamp(ts)).toBe('2026-11-24 14:05');
    expect(TM.stamp(ts, true)).toBe('2026-11-24 14:05:09');
  });
});
