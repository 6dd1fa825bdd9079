/** FL_DOF_ALERT_RULE: operators' changes to alert rules, per cluster. Unlike event writes these throw: the API reports them. */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { toStoreError } from './pool';

/** A row of FL_DOF_ALERT_RULE: a change to a built-in rule or a custom rule, as JSON (alerts/rule-book.ts reads it). */
export interface StoredRule {
  ruleId: string;
  origin: 'builtin' | 'custom';
  /** builtin: a RulePatch; custom: a NewRule (with its name). */
  json: string;
}

export class RuleStore {
  constructor(private readonly pool: Pool) {}

  async load(clusterId: string): Promise<StoredRule[]> {
    try {
      const [rows] = await this.pool.query<RowDataPacket[]>('SELECT rule_id, origin, rule_json FROM FL_DOF_ALERT_RULE WHERE cluster_id = ? ORDER BY rule_id', [
        clusterId,
      ]);
      return rows.map((r) => ({ ruleId: String(r.rule_id), origin: r.origin === 'custom' ? 'custom' : 'builtin', json: String(r.rule_json) }));
    } catch (err) {
      throw toStoreError(err);
    }
  }

  async save(clusterId: string, rule: StoredRule): Promise<void> {
    try {
      await this.pool.query(
        'INSERT INTO FL_DOF_ALERT_RULE (cluster_id, rule_id, origin, rule_json) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE origin = VALUES(origin), rule_json = VALUES(rule_json)',
        [clusterId, rule.ruleId, rule.origin, rule.json],
      );
    } catch (err) {
      throw toStoreError(err);
    }
  }

  async remove(clusterId: string, ruleId: string): Promise<void> {
    try {
      await this.pool.query('DELETE FROM FL_DOF_ALERT_RULE WHERE cluster_id = ? AND rule_id = ?', [clusterId, ruleId]);
    } catch (err) {
      throw toStoreError(err);
    }
  }
}
