import type { ParseArgsConfig } from 'util';

export interface CommandContext {
  configPath: string;
  json: boolean;
  values: Record<string, string | boolean | undefined>;
  out: (s: string) => void;
}

export interface Command {
  summary: string;
  help?: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the process exit code. */
  run(ctx: CommandContext): Promise<number>;
}
