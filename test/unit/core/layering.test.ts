/**
 * The sidecar's layering, checked on its import statements: core/ depends on nothing of the
 * project, store/ never reaches up into alerts/, api/ or app/, api/ gets what it needs from
 * app/ through ports, and no file or folder imports itself round a loop.
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';

const SRC = path.resolve(__dirname, '../../../sidecar/src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, `${base}.d.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
}

/** file (relative to sidecar/src) -> the project files it imports, `import type` included. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const deps = info.importedFiles.map((i) => resolveImport(file, i.fileName)).filter((f): f is string => f !== undefined);
    graph.set(path.relative(SRC, file), [...new Set(deps.map((d) => path.relative(SRC, d)))]);
  }
  return graph;
}

/** Strongly connected components with more than one member (Tarjan): the import loops. */
function loops(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** The top folder of a file under sidecar/src (`.` for files at its root). */
const folderOf = (file: string): string => (file.includes(path.sep) ? file.split(path.sep)[0]! : '.');

const graph = importGraph();

function folderEdges(): Map<string, string[]> {
  const edges = new Map<string, Set<string>>();
  for (const [file, deps] of graph) {
    const from = folderOf(file);
    for (const d of deps) {
      const to = folderOf(d);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  return new Map([...edges].map(([k, v]) => [k, [...v].sort()]));
}

/** `file -> dependency` for every import from `folder` into one of `forbidden`. */
function crossings(folder: string, forbidden: (to: string) => boolean): string[] {
  return [...graph].flatMap(([file, deps]) => (folderOf(file) === folder ? deps.filter((d) => forbidden(folderOf(d))).map((d) => `${file} -> ${d}`) : []));
}

describe('sidecar layering', () => {
  test('reads a real import graph (core/ and the folders above it are there)', () => {
    expect(graph.has(path.join('core', 'clock.ts'))).toBe(true);
    expect(folderEdges().get('app')).toEqual(expect.arrayContaining(['api', 'core', 'store']));
  });

  test('no file imports itself round a loop', () => {
    expect(loops(graph)).toEqual([]);
  });

  test('no folder imports itself round a loop', () => {
    expect(loops(folderEdges())).toEqual([]);
  });

  test('core/ imports nothing of the project outside core/', () => {
    expect(crossings('core', (to) => to !== 'core')).toEqual([]);
  });

  test('store/ never imports alerts/, api/ or app/', () => {
    expect(crossings('store', (to) => ['alerts', 'api', 'app'].includes(to))).toEqual([]);
  });

  test('api/ never imports app/ (the coordinator hands it what it needs through ports)', () => {
    expect(crossings('api', (to) => to === 'app')).toEqual([]);
  });

  test('the wire types (api/dto.d.ts) are built on core/ types only', () => {
    expect(graph.get(path.join('api', 'dto.d.ts'))!.filter((d) => folderOf(d) !== 'core')).toEqual([]);
  });
});
