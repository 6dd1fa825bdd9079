/**
 * Every target of one kind the store has registered for a cluster — present or past (a broker
 * discovered once and gone since keeps its FL_DOF_TARGET row and its samples). The read API uses it
 * for `/series?kind=`: the time machine's charts must draw the targets that existed in their window,
 * which the sidecar's live target list no longer holds. One parameterised statement, a `ref` on
 * UK_FL_DOF_TARGET's cluster_id prefix (the rows of one cluster are few).
 */
import type { Pool } from 'mysql2/promise';
import { queryRows } from './queries';

const KEYS_OF_KIND_SQL = 'SELECT target_key FROM FL_DOF_TARGET WHERE cluster_id = ? AND kind = ? ORDER BY target_key';

/** Keys of the cluster's targets of `kind`, sorted; [] when there are none. */
export async function targetKeysOfKind(pool: Pool, clusterId: string, kind: string): Promise<string[]> {
  const rows = await queryRows(pool, KEYS_OF_KIND_SQL, [clusterId, kind]);
  return rows.map((r) => String(r.target_key));
}

/** Pure: the targets a series query reads — those asked for (none = all) that are of the kind. */
export function narrowToKind(asked: readonly string[], ofKind: readonly string[]): string[] {
  if (asked.length === 0) return [...ofKind];
  const kindSet = new Set(ofKind);
  return asked.filter((k) => kindSet.has(k));
}
