/**
 * `doflamingo` command line. Each command lives in its own file under ./commands;
 * this file only parses the common options and dispatches.
 */
import { parseArgs } from 'util';
import { ConfigError } from '../config/load';
import { COMMANDS, type CommandContext } from './commands';
import { UsageError } from './commands/shared';
import { FlamingoInstallError } from '../flamingo/errors';

const USAGE = `Usage: doflamingo <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(18)} ${c.summary}`)
  .join('\n')}

Common options:
  --config FILE   sidecar config (JSON); default: $DOFLAMINGO_CONFIG or ./doflamingo.json
  --json          machine-readable output where the command supports it
  -h, --help      this help

MySQL: mysql.url in the config, or the env var DOFLAMINGO_MYSQL_URL (overrides the file).`;

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n')): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    out(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    out(`doflamingo: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        config: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        ...command.options,
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (err) {
    out(`doflamingo ${name}: ${(err as Error).message}`);
    return 2;
  }
  if (parsed.values.help) {
    out(`doflamingo ${name}: ${command.summary}\n${command.help ?? ''}`);
    return 0;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const ctx: CommandContext = {
    configPath: (values.config as string | undefined) ?? process.env.DOFLAMINGO_CONFIG ?? 'doflamingo.json',
    json: values.json === true,
    values,
    out,
  };
  try {
    return await command.run(ctx);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof UsageError || err instanceof FlamingoInstallError) {
      out(`doflamingo ${name}: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
