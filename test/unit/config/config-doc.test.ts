/** docs/config.md names every key of the config schema (so the reference cannot fall behind the code). */
import { readFileSync } from 'fs';
import path from 'path';
import { z } from 'zod';
import { configSchema } from '../../../sidecar/src/config/schema';

/** Every key path of a zod schema: `a.b`, `list[].c`; wrappers (default, optional, refinements) are looked through. */
function keyPaths(schema: z.ZodTypeAny, prefix = ''): string[] {
  if (schema instanceof z.ZodDefault) return keyPaths(schema._def.innerType, prefix);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return keyPaths(schema.unwrap(), prefix);
  if (schema instanceof z.ZodEffects) return keyPaths(schema.innerType(), prefix);
  if (schema instanceof z.ZodArray) return keyPaths(schema.element, `${prefix}[]`);
  if (schema instanceof z.ZodDiscriminatedUnion) return [...new Set((schema.options as z.ZodTypeAny[]).flatMap((o) => keyPaths(o, prefix)))];
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodTypeAny>).flatMap(([k, v]) => {
      const p = prefix ? `${prefix}.${k}` : k;
      const inner = keyPaths(v, p);
      return inner.length ? inner : [p];
    });
  }
  return [];
}

const doc = readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'config.md'), 'utf8');

test('the walk finds the schema’s keys (nested objects, arrays, unions)', () => {
  const keys = keyPaths(configSchema);
  expect(keys).toEqual(
    expect.arrayContaining([
      'mysql.url',
      'clusters[].brokers[].jolokia',
      'clusters[].discovery.forgetLeftAfterMs',
      'catalog.extra[].source.mbean',
      'catalog.extra[].source.leaderOnly',
      'flamingo.systemEvents.minSeverity',
    ]),
  );
  expect(keys.length).toBeGreaterThan(60);
});

test.each(keyPaths(configSchema))('docs/config.md documents %s', (key) => {
  expect(doc).toContain(`\`${key}\``);
});
