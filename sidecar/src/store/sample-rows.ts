/** Pure: turning resolved samples into FL_DOF_SAMPLE rows. */
import type { Sample } from '../core/model';

/** A row of FL_DOF_SAMPLE: `[series_id, ts (epoch seconds), value]`. */
export type SampleRow = [seriesId: number, tsSec: number, value: number];

/** Largest value an `INT UNSIGNED` column holds (ts in seconds: until 2106). */
const MAX_UINT32 = 4_294_967_295;

/**
 * Rows for `samples`, whose series ids are `ids` (same order). A sample is skipped when it has
 * no series id, a non-finite value, or a time that does not fit `ts INT UNSIGNED`; such a row
 * would be refused by MySQL and, retried, block every later sample. `Sample.ts` is in ms; the
 * store keeps seconds (`Math.floor(ts / 1000)`). Rows come back sorted by (series_id, ts): the
 * primary key order, so one INSERT walks the clustered index forwards.
 */
export function sampleRows(samples: readonly Sample[], ids: readonly (number | undefined)[]): { rows: SampleRow[]; skipped: number } {
  const rows: SampleRow[] = [];
  let skipped = 0;
  samples.forEach((s, i) => {
    const id = ids[i];
    const tsSec = Math.floor(s.ts / 1000);
    if (id === undefined || !Number.isFinite(s.value) || !Number.isFinite(tsSec) || tsSec < 0 || tsSec > MAX_UINT32) skipped += 1;
    else rows.push([id, tsSec, s.value]);
  });
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { rows, skipped };
}
