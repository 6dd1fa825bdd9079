/** Every `doflamingo` command, by name. Each lives in its own file. */
import { configCheckCommand } from './config-check';
import type { Command } from './types';

export type { Command, CommandContext } from './types';

export const COMMANDS: Record<string, Command> = {
  'config-check': configCheckCommand,
};
