import { buildCatalog } from '../../catalog/catalog';
import { loadConfigOrEnv, table } from './shared';
import type { Command } from './types';
import type { CatalogEntry } from '../../core/model';

function sourceText(e: CatalogEntry): string {
  const s = e.source;
  if (s.kind === 'jmx') return `${s.mbean} ${s.attribute}${s.path ? '.' + s.path : ''}`;
  if (s.kind === 'zk-command') return `${s.command} ${s.key}${s.leaderOnly ? ' (leader)' : ''}`;
  return `kafka-protocol ${s.key}`;
}

export const catalogCommand: Command = {
  summary: 'print the metric catalogue (built-in entries plus catalog.extra of the config)',
  async run(ctx) {
    const catalog = buildCatalog(loadConfigOrEnv(ctx).catalog.extra);
    const entries = catalog.all();
    if (ctx.json) {
      ctx.out(JSON.stringify(entries, null, 2));
      return 0;
    }
    ctx.out(
      table(
        ['ID', 'APPLIES TO', 'TYPE', 'UNIT', '#', 'SOURCE'],
        entries.map((e) => [e.id, e.appliesTo, e.type, e.unit, (e.proposal ?? []).join(','), sourceText(e)]),
      ),
    );
    ctx.out(`\n${entries.length} entries`);
    return 0;
  },
};
