/**
 * Labels of a sample read from a bean: the catalogue entry's label keys taken from the bean's
 * key properties. Every cycle of every target answers with the same bean names, so the label sets
 * are made once and shared: FROZEN objects (never changed by anyone), which lets
 * `canonicalLabels` remember their canonical string. A label set depends only on the bean name
 * and the label keys, so a cached one is never stale: a bean that appears, disappears or changes
 * name is a different key. Memory is bounded: past `maxEntries` bean names, or `maxChars`
 * characters of them (an agent answering new bean names of kilobytes each on every tick would
 * otherwise hold gigabytes under the count alone), the cache starts over.
 */
import { parseObjectName } from '../../catalog/object-name';
import type { Labels } from '../../core/model';

/** The label set of entries without label keys. */
export const NO_LABELS: Labels = Object.freeze({});

export class BeanLabelCache {
  /** Label keys (joined by NUL) → bean name → labels. */
  private readonly byKeys = new Map<string, Map<string, Labels>>();
  private entries = 0;
  private chars = 0;

  constructor(
    private readonly maxEntries = 200_000,
    private readonly maxChars = 32 * 1024 * 1024,
  ) {}

  /** The labels of `beanName` for `labelKeys` (`''` for a key the name lacks); a shared frozen object. */
  labelsOf(labelKeys: readonly string[] | undefined, beanName: string): Labels {
    if (!labelKeys || labelKeys.length === 0) return NO_LABELS;
    const keysId = labelKeys.length === 1 ? (labelKeys[0] as string) : labelKeys.join('\u0000');
    let byName = this.byKeys.get(keysId);
    if (!byName) this.byKeys.set(keysId, (byName = new Map()));
    let labels = byName.get(beanName);
    if (labels) return labels;
    if (this.entries >= this.maxEntries || (this.chars + beanName.length > this.maxChars && this.entries > 0)) return this.restart(labelKeys, beanName);
    labels = makeLabels(labelKeys, beanName);
    byName.set(beanName, labels);
    this.entries += 1;
    this.chars += beanName.length;
    return labels;
  }

  /** Bean names remembered. */
  get size(): number {
    return this.entries;
  }

  private restart(labelKeys: readonly string[], beanName: string): Labels {
    this.byKeys.clear();
    this.entries = 0;
    this.chars = 0;
    return this.labelsOf(labelKeys, beanName);
  }
}

/** Pure: a new frozen label set of `beanName` for `labelKeys`. */
export function makeLabels(labelKeys: readonly string[], beanName: string): Labels {
  const props = parseObjectName(beanName)?.props ?? {};
  const labels: Labels = {};
  for (const k of labelKeys) labels[k] = props[k] ?? '';
  return Object.freeze(labels);
}
