import { parseTime } from '../../api/params';
import { rebuildRollups } from '../../store/rollup-store';
import { loadConfigOrEnv, openStore } from './shared';
import type { Command } from './types';

/** Pure: a CLI time (ms since epoch, ISO-8601, or "-<n>m"/"-<n>h"/"-<n>d" before now) → epoch seconds; undefined when not understood. */
export function cliTimeSec(raw: string, nowMs: number): number | undefined {
  const rel = /^-(\d{1,6})([mhd])$/.exec(raw.trim());
  if (rel) return Math.floor((nowMs - Number(rel[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[rel[2] as 'm' | 'h' | 'd']) / 1000);
  try {
    return Math.floor(parseTime('time', raw) / 1000);
  } catch {
    return undefined;
  }
}

export const rebuildRollupsCommand: Command = {
  summary: 'recompute the 1-minute and 1-hour rollups from raw samples for a time range (repair, backfill)',
  help: 'Options: --from <time> (default -3h), --to <time> (default now); a time is ms since epoch, ISO-8601 or -<n>m/-<n>h/-<n>d. Idempotent. At start the sidecar also rebuilds the minutes around the last collection of the previous run (those a crash left undone).',
  options: { from: { type: 'string' }, to: { type: 'string' } },
  async run(ctx) {
    const now = Date.now();
    const from = cliTimeSec(String(ctx.values.from ?? '-3h'), now);
    const to = cliTimeSec(String(ctx.values.to ?? String(now)), now);
    if (from === undefined || to === undefined || from > to) {
      ctx.out('rebuild-rollups: --from/--to must be times (ms, ISO-8601 or -<n>m/h/d) with from ≤ to');
      return 2;
    }
    const cfg = loadConfigOrEnv(ctx);
    const pool = await openStore(cfg, false);
    try {
      const started = Date.now();
      await rebuildRollups(pool, from, to);
      const r = { from: new Date(from * 1000).toISOString(), to: new Date(to * 1000).toISOString(), ms: Date.now() - started };
      ctx.out(ctx.json ? JSON.stringify(r) : `rollups rebuilt for ${r.from} .. ${r.to} in ${r.ms} ms`);
      return 0;
    } finally {
      await pool.end();
    }
  },
};
