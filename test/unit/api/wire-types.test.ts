/**
 * The wire types are declaration files (api/dto.d.ts on core/*.d.ts) that the panels alias
 * (ui-sencha/src/types/api.d.ts). Both tsconfigs skip checking declaration files (skipLibCheck),
 * where a misspelt type silently becomes `any`: this compiles them with the check on, under the
 * panels' compiler options (ES2017 global scripts, no Node types).
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const CORE = path.join(ROOT, 'sidecar/src/core');
const WIRE = path.join(ROOT, 'sidecar/src/api/dto.d.ts');
const PANEL_TYPES = path.join(ROOT, 'ui-sencha/src/types/api.d.ts');

function panelOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, 'ui-sencha/tsconfig.json');
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file));
  return { ...parsed.options, skipLibCheck: false, skipDefaultLibCheck: true, noEmit: true };
}

function diagnostics(rootNames: string[]): string[] {
  const program = ts.createProgram({ rootNames, options: panelOptions() });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

const coreDeclarations = fs
  .readdirSync(CORE)
  .filter((f) => f.endsWith('.d.ts'))
  .map((f) => path.join(CORE, f));

describe('wire types shared by the sidecar and the panels', () => {
  test('core/ has the shared declaration files', () => {
    expect(coreDeclarations.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['model.d.ts', 'target-health.d.ts', 'timeline-event.d.ts']));
  });

  test('core/*.d.ts, api/dto.d.ts and the panel aliases compile with declaration checking on', () => {
    expect(diagnostics([...coreDeclarations, WIRE, PANEL_TYPES])).toEqual([]);
  });

  test('the panels reach only declaration files of the sidecar (their build emits nothing outside ui-sencha/)', () => {
    const program = ts.createProgram({ rootNames: [PANEL_TYPES], options: panelOptions() });
    const sidecarFiles = program
      .getSourceFiles()
      .map((f) => path.relative(ROOT, f.fileName))
      .filter((f) => f.startsWith('sidecar/'));
    expect(sidecarFiles).toContain('sidecar/src/api/dto.d.ts');
    expect(sidecarFiles.filter((f) => !f.endsWith('.d.ts'))).toEqual([]);
  });

  test('a panel alias to a shape the sidecar does not have fails to compile (the check bites)', () => {
    const probe = path.join(ROOT, 'ui-sencha/src/types/wire-probe.d.ts');
    const text = "type DfProbe = import('../../../sidecar/src/api/dto').NoSuchDto;\n";
    const host = ts.createCompilerHost(panelOptions());
    const readFile = host.readFile.bind(host);
    host.readFile = (f) => (path.resolve(f) === probe ? text : readFile(f));
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (f) => path.resolve(f) === probe || fileExists(f);
    const program = ts.createProgram({ rootNames: [WIRE, probe], options: panelOptions(), host });
    const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages.some((m) => m.includes('NoSuchDto'))).toBe(true);
  });
});
