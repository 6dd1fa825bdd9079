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

declare namespace Flamingo2.view.monitoring.common {
  const AlertRulesApi: DfAlertRulesApi;
  const AlertRulesModel: DfAlertRulesModel;
}
