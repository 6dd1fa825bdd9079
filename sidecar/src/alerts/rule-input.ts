/**
 * What an operator may send to change alert rules (admin API, Configuration panel), validated
 * once with every problem reported by its path. Pure: no catalogue or store lookups here.
 *   RulePatch  — settings of an existing rule (built-in: threshold, forMs, severity, enabled;
 *                custom rules also op, target, name)
 *   NewRule    — a whole custom rule (per-target or per-series)
 */
import { z } from 'zod';
import { COMPARISONS, SEVERITIES } from './rule';
import type { AlertRule } from '../core/alert';

/** Longest for-duration accepted: one week. */
export const MAX_FOR_MS = 7 * 86_400_000;

const threshold = z.number({ invalid_type_error: 'must be a number' }).finite('must be a finite number');
const forMs = z
  .number({ invalid_type_error: 'must be a number of milliseconds' })
  .int('must be whole milliseconds')
  .min(0, 'must be ≥ 0')
  .max(MAX_FOR_MS, 'must be at most 7 days');
const name = z.object({ en: z.string().trim().min(1).max(200), ko: z.string().trim().min(1).max(200) }).strict();
const key = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

export const rulePatchSchema = z
  .object({
    threshold: threshold.optional(),
    forMs: forMs.optional(),
    severity: z.enum(SEVERITIES).optional(),
    enabled: z.boolean().optional(),
    op: z.enum(COMPARISONS).optional(),
    target: key.nullable().optional(),
    name: name.optional(),
  })
  .strict();
export type RulePatch = z.infer<typeof rulePatchSchema>;

/** The settings a built-in rule may override. */
export const BUILTIN_PATCH_KEYS = ['threshold', 'forMs', 'severity', 'enabled'] as const;

export const newRuleSchema = z
  .object({
    metric: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[a-z0-9_.]+$/, 'must be a catalogue metric id'),
    target: key.optional(),
    labels: z.record(z.string().max(64), z.string().max(300)).optional(),
    scope: z.enum(['series', 'cluster']).default('series'),
    agg: z.enum(['sum', 'max', 'min', 'count']).optional(),
    op: z.enum(COMPARISONS),
    threshold,
    forMs: forMs.default(0),
    severity: z.enum(SEVERITIES).default('warning'),
    enabled: z.boolean().default(true),
    name: name.optional(),
  })
  .strict()
  .refine((r) => !(r.scope === 'cluster' && r.target !== undefined), { message: 'a cluster rule cannot name a target', path: ['target'] });
export type NewRule = z.infer<typeof newRuleSchema>;

export interface InputProblem {
  path: string;
  message: string;
}
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

function check<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): Checked<T> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, problems: [{ path: '', message: 'body must be a JSON object' }] };
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) => ({
      path: i.path.join('.'),
      message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
    })),
  };
}

/** Checks a patch; built-in rules accept only their overridable settings. */
export function checkPatch(body: unknown, origin: 'builtin' | 'custom'): Checked<RulePatch> {
  const r = check(rulePatchSchema, body);
  if (!r.ok) return r;
  if (Object.keys(r.value).length === 0)
    return { ok: false, problems: [{ path: '', message: 'nothing to change: send threshold, forMs, severity or enabled' }] };
  if (origin === 'builtin') {
    const extra = Object.keys(r.value).filter((k) => !(BUILTIN_PATCH_KEYS as readonly string[]).includes(k));
    if (extra.length)
      return { ok: false, problems: extra.map((k) => ({ path: k, message: 'a built-in rule only lets you change threshold, forMs, severity and enabled' })) };
  }
  return r;
}

export function checkNewRule(body: unknown): Checked<NewRule> {
  return check(newRuleSchema, body);
}

/** Pure: a rule with a patch applied (`target: null` removes a custom rule's target). */
export function applyPatch(rule: AlertRule, patch: RulePatch): AlertRule {
  const out: AlertRule = { ...rule };
  if (patch.threshold !== undefined) out.threshold = patch.threshold;
  if (patch.forMs !== undefined) out.forMs = patch.forMs;
  if (patch.severity !== undefined) out.severity = patch.severity;
  if (patch.enabled !== undefined) out.enabled = patch.enabled;
  if (patch.op !== undefined) out.op = patch.op;
  if (patch.name !== undefined) out.name = patch.name;
  if (patch.target === null) delete out.target;
  else if (patch.target !== undefined) out.target = patch.target;
  return out;
}

/** Pure: the custom rule an operator asked for, with its id and a name when none was given. */
export function customRule(input: NewRule, id: string): AlertRule {
  const where = input.target ? ` on ${input.target}` : input.scope === 'cluster' ? ' (cluster)' : '';
  const text = `${input.metric} ${input.op} ${input.threshold}${where}`;
  return {
    id,
    name: input.name ?? { en: text, ko: text },
    metric: input.metric,
    scope: input.scope,
    op: input.op,
    threshold: input.threshold,
    forMs: input.forMs,
    severity: input.severity,
    enabled: input.enabled,
    ...(input.target !== undefined ? { target: input.target } : {}),
    ...(input.labels !== undefined ? { labels: input.labels } : {}),
    ...(input.agg !== undefined ? { agg: input.agg } : {}),
  };
}
