/**
 * bin/doflamingo.js refuses a Node older than package.json's `engines` with one line and exit code 2,
 * before it loads anything from dist/. The Node running the script is made to report another version
 * through a preloaded module, so the check runs on this machine's Node. A closed output pipe is not an error.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'doflamingo.js');
const ENGINES_MAJOR = Number(
  /\d+/.exec((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node)?.[0],
);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doflamingo-bin-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `node bin/doflamingo.js --help` on this Node reporting `version` as process.versions.node. */
function runReporting(version: string) {
  const preload = path.join(dir, `node-${version}.js`);
  fs.writeFileSync(preload, `Object.defineProperty(process.versions, 'node', { value: ${JSON.stringify(version)} });\n`);
  return spawnSync(process.execPath, ['--require', preload, BIN, '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
}

test('package.json names a minimum major version in engines.node', () => {
  expect(ENGINES_MAJOR).toBeGreaterThan(0);
});

test('an older Node gets one line naming the minimum and its own version, and exit code 2', () => {
  const old = `${ENGINES_MAJOR - 2}.20.2`;
  const result = runReporting(old);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`doflamingo: needs Node.js ${ENGINES_MAJOR} or newer (24 LTS recommended); this is Node.js v${old}.\n`);
});

test('the last release before the minimum is refused too', () => {
  const result = runReporting(`${ENGINES_MAJOR - 1}.99.0`);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^doflamingo: needs Node\.js /);
});

test('the minimum itself passes the check', () => {
  const result = runReporting(`${ENGINES_MAJOR}.0.0`);
  expect(result.stderr).not.toMatch(/needs Node\.js/);
});

test('a reader that stops early (`catalog | head -1`) ends the output quietly with exit code 0', () => {
  // needs the built CLI (the test command builds before the unit tests)
  const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" catalog | head -1`], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.stderr).toBe('');
  expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  expect(result.status).toBe(0);
});
