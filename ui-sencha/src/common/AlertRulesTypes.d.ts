/** Types of the alert rules classes (common/AlertRules*.ts). */

/** An error answered by the sidecar: HTTP status and the API's `{error: {code, message, param}}`. */
interface DfApiError extends Error {
  status: number;
  code?: string;
  param?: string;
}

/** common/AlertRulesApi.ts: rule reads and admin writes; the admin token is asked once and kept in memory. */
interface DfAlertRulesApi {
  hasToken(): boolean;
  forgetToken(): void;
  /** Shows the password dialog; resolves with the token, or null when cancelled. */
  askToken(): Promise<string | null>;
  /** A write under /api/v1/admin (asks for the token first when none is held; 401 forgets it). */
  write<T>(method: 'PUT' | 'POST' | 'DELETE', path: string, body?: object): Promise<T>;
  /** The text to show for a failed write (wrong token, writes disabled, the API's message). */
  errorText(err: Error): string;
}

/** Pending/firing alerts of one rule. */
interface DfRuleState {
  firing: number;
  pending: number;
}

/** common/AlertRulesModel.ts: pure helpers. */
interface DfAlertRulesModel {
  /** 'kafka' | 'zookeeper' | 'general' */
  group(rule: DfRule): string;
  /** Group key that sorts Kafka, ZooKeeper, General. */
  groupKey(rule: DfRule): string;
  groupLabel(groupKey: string): string;
  /** The name in the page's locale (ko when Flamingo's locale is ko_*, else en). */
  name(rule: DfRule): string;
  states(alerts: DfAlert[]): Record<string, DfRuleState>;
  stateCell(rule: DfRule, state: DfRuleState | undefined): string;
  scopeText(rule: DfRule): string;
  opText(op: string): string;
  /** '0', '30s', '5m', '1h30m', '2d', plain seconds → ms; null when unreadable. */
  parseDuration(text: string): number | null;
  formatDuration(ms: number): string;
  /** A threshold typed by the user: a number when it reads as one, else the text (the API answers why it is wrong). */
  parseThreshold(text: unknown): number | string;
  ops(): string[];
}

/** One row of the alert rules grid (common/AlertRulesColumns.ts). */
interface DfAlertRuleRow {
  id: string;
  group: string;
  name: string;
  metric: string;
  scope: string;
  op: string;
  threshold: number | string;
  forText: string;
  severity: string;
  enabled: boolean;
  modified: boolean;
  origin: string;
  rule: DfRule;
}

type DfAlertRuleRecord = Ext.data.Model<DfAlertRuleRow> & { reject(): void };

/** The alert rules panel (common/AlertRules.ts, xtype dfalertrules) as its grid columns and edit handling see it. */
interface DfAlertRulesPanel extends Ext.Panel {
  cluster: string;
  ruleStates: Record<string, DfRuleState>;
  reload(): Promise<void>;
  loadStates(): Promise<void>;
  save(rec: DfAlertRuleRecord, patch: Record<string, unknown>): void;
  reset(rule: DfRule): void;
  /** Not `remove`: that is Ext's Container#remove(component), which Ext 5.1.1 calls while destroying the panel. */
  deleteRule(rule: DfRule): void;
  /** Replaces one rule (as the API returned it) in place. */
  applyRule(rule: DfRule): void;
  banner(kind: 'ok' | 'error' | 'info' | null, text?: string): void;
  updateTokenState(): void;
}

/** common/AlertRulesColumns.ts: the grid's store fields, rows and column definitions (renderers, in-place editors). */
interface DfAlertRulesColumns {
  fields: Array<keyof DfAlertRuleRow>;
  toRow(rule: DfRule): DfAlertRuleRow;
  /** The columns of one panel (its state cell reads panel.ruleStates when drawn). */
  columns(panel: DfAlertRulesPanel): object[];
}

/** common/AlertRulesEditing.ts: edits and clicks in the grid turned into admin writes, and their outcome shown on the panel. */
interface DfAlertRulesEditing {
  /** `/clusters/:cid/rules[/:id]` */
  rulePath(cluster: string, id?: string): string;
  /** The grid's cell editing plugin: which cells may be edited, and the PUT patch of an edit. */
  cellEditing(panel: DfAlertRulesPanel): object;
  /** Clicks on the enabled switch, "Reset to default" and "Delete". */
  cellClick(panel: DfAlertRulesPanel, rec: DfAlertRuleRecord, e: Ext.EventObject): void;
  /** PUT patch; a refused value is rejected in the grid and the API's message shown. */
  save(panel: DfAlertRulesPanel, rec: DfAlertRuleRecord, patch: Record<string, unknown>): void;
  /** DELETE of a built-in rule's override: back to its default. */
  reset(panel: DfAlertRulesPanel, rule: DfRule): void;
  /** DELETE of a custom rule, after a confirmation. */
  deleteRule(panel: DfAlertRulesPanel, rule: DfRule): void;
}

declare namespace Flamingo2.view.monitoring.common {
  const AlertRulesApi: DfAlertRulesApi;
  const AlertRulesModel: DfAlertRulesModel;
  const AlertRulesColumns: DfAlertRulesColumns;
  const AlertRulesEditing: DfAlertRulesEditing;
}
