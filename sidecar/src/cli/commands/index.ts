/** Every `doflamingo` command, by name. Each lives in its own file. */
import { catalogCommand } from './catalog';
import { collectCommand } from './collect';
import { configCheckCommand } from './config-check';
import { migrateCommand } from './migrate';
import { statusCommand } from './status';
import type { Command } from './types';

export type { Command, CommandContext } from './types';

export const COMMANDS: Record<string, Command> = {
  migrate: migrateCommand,
  catalog: catalogCommand,
  collect: collectCommand,
  status: statusCommand,
  'config-check': configCheckCommand,
};
