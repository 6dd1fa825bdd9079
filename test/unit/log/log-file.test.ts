/** The log file on real files in a temp dir: rotation by size, a bounded number of files, redaction. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import os from 'os';
import path from 'path';
import { ManualClock } from '../../../sidecar/src/core/clock';
import { clearSecrets, registerSecret } from '../../../sidecar/src/core/redact';
import { openLogOutput } from '../../../sidecar/src/log/log-output';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'dof-log-'))));
afterEach(() => {
  clearSecrets();
  rmSync(dir, { recursive: true, force: true });
});

test('writes past maxBytes rotate the file; no more than maxFiles exist; every line is redacted', async () => {
  registerSecret('hunter22');
  const file = path.join(dir, 'sidecar.log');
  const maxBytes = 4096;
  const maxFiles = 3;
  const clock = new ManualClock(1_700_000_000_000);
  const log = openLogOutput({ level: 'info', repeatWindowMs: 600_000, file: { path: file, maxBytes, maxFiles } }, 'info', { app: 'doflamingo' }, clock);
  const lines = 2000;
  for (let i = 0; i < lines; i++) {
    clock.advance(1000);
    log.info(`line ${i} with hunter22`, { target: `b${i}`, url: 'http://mon:hunter22@kafka1:8778/jolokia' });
    // Rotation happens between writes of the stream: let it run now and then, as a running service does.
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  await log.close();

  const files = readdirSync(dir).sort();
  expect(files).toEqual(['sidecar.log', 'sidecar.log.1', 'sidecar.log.2']);
  const written = files.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('');
  expect(written).not.toContain('hunter22');
  // Each file stays near maxBytes (at most one line over), the total near maxFiles × maxBytes.
  for (const f of files) expect(statSync(path.join(dir, f)).size).toBeLessThan(maxBytes + 300);
  const records = written
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { msg: string; url: string });
  expect(records.length).toBeGreaterThan(10);
  expect(records.length).toBeLessThan(lines);
  expect(records[0]!.url).toBe('http://[redacted]@kafka1:8778/jolokia');
  // The newest lines are kept.
  expect(readFileSync(file, 'utf8')).toContain(`"line ${lines - 1} with [redacted]"`);
});
