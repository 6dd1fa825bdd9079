/**
 * Caps the beans of each wildcard read in a bulk answer before it is parsed: a pattern that
 * matched more than `maxBeans` beans (a broken agent, a runaway client-id, a topic flood) keeps
 * the first `maxBeans` by bean name, so the same beans are kept from tick to tick and the series
 * they feed stay continuous. Pure; the answer is not mutated.
 */
import { isPattern } from '../../catalog/object-name';
import type { JolokiaReadRequest } from './request-builder';

export interface BeanOverflow {
  mbean: string;
  /** Beans the pattern matched. */
  beans: number;
  /** Beans kept. */
  kept: number;
}

/** A pattern of a target starting or ceasing to match more beans than kept. */
export interface BeansCapChange {
  state: 'hit' | 'cleared';
  clusterId: string;
  target: string;
  mbean: string;
  /** Beans matched at the change (for `cleared`: within the cap again). */
  beans: number;
  /** The cap. */
  limit: number;
  ts: number;
}

export interface CappedAnswer {
  body: unknown;
  overflows: BeanOverflow[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Pure: `body` with every pattern read over `maxBeans` cut to its first `maxBeans` beans by name; anything else passes unchanged. */
export function capBeansPerPattern(requests: readonly JolokiaReadRequest[], body: unknown, maxBeans: number): CappedAnswer {
  if (!Array.isArray(body)) return { body, overflows: [] };
  const overflows: BeanOverflow[] = [];
  const capped = body.map((r: unknown, i) => {
    const req = requests[i];
    if (!req || !isPattern(req.mbean) || !isObj(r) || !isObj(r.value)) return r;
    const names = Object.keys(r.value);
    if (names.length <= maxBeans) return r;
    const value = r.value;
    const kept = names.sort().slice(0, maxBeans);
    overflows.push({ mbean: req.mbean, beans: names.length, kept: kept.length });
    return { ...r, value: Object.fromEntries(kept.map((n) => [n, value[n]])) };
  });
  return { body: overflows.length ? capped : body, overflows };
}
