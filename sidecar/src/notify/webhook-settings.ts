/** A configured webhook made ready to use: header values read from the environment, a label safe to log. */
import type { WebhookConfig } from '../config/schema';
import { ConfigError } from '../config/load';
import type { EventFilter } from './event-filter';
import type { WebhookFormat } from '../core/webhook-stats';

export interface WebhookSettings extends EventFilter {
  /** `webhooks[0] (hooks.example.com)`: the config index and the host only (a webhook URL often holds a token). */
  label: string;
  url: string;
  format: WebhookFormat;
  /** Values are secrets: never logged, never in stats. */
  headers: Record<string, string>;
  timeoutMs: number;
}

/** Pure: the label of webhook `index` — never the path or query of its URL. */
export function webhookLabel(index: number, url: string): string {
  let host = '?';
  try {
    host = new URL(url).host;
  } catch {
    // validated by the schema; keep the label anyway
  }
  return `webhooks[${index}] (${host})`;
}

/**
 * Resolves every webhook of `notify.webhooks` (no I/O but the environment). Throws ConfigError listing
 * each header whose environment variable is unset or holds a line break — naming the variable, never a value.
 */
export function resolveWebhooks(webhooks: readonly WebhookConfig[], env: NodeJS.ProcessEnv = process.env): WebhookSettings[] {
  const problems: string[] = [];
  const out = webhooks.map((w, i) => {
    const headers: Record<string, string> = {};
    for (const [name, envName] of Object.entries(w.headersEnv ?? {})) {
      const value = env[envName];
      const where = `notify.webhooks[${i}].headersEnv.${name}`;
      if (value === undefined || value === '') problems.push(`${where}: environment variable ${envName} is not set`);
      else if (/[\r\n\0]/.test(value)) problems.push(`${where}: environment variable ${envName} holds a line break`);
      else headers[name] = value;
    }
    const settings: WebhookSettings = {
      label: webhookLabel(i, w.url),
      url: w.url,
      format: w.format,
      headers,
      timeoutMs: w.timeoutMs,
      minSeverity: w.minSeverity,
      ...(w.kinds ? { kinds: new Set<string>(w.kinds) } : {}),
    };
    return settings;
  });
  if (problems.length) throw new ConfigError('env', problems);
  return out;
}
