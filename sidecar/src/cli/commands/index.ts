/** Every `doflamingo` command, by name. Each lives in its own file. */
import { catalogCommand } from './catalog';
import { collectCommand } from './collect';
import { configCheckCommand } from './config-check';
import { demoMenuCommand } from './demo-menu';
import { installFlamingoCommand } from './install-flamingo';
import { uninstallFlamingoCommand } from './uninstall-flamingo';
import { migrateCommand } from './migrate';
import { rebuildRollupsCommand } from './rebuild-rollups';
import { serveCommand } from './serve';
import { statusCommand } from './status';
import type { Command } from './types';

export type { Command, CommandContext } from './types';

export const COMMANDS: Record<string, Command> = {
  migrate: migrateCommand,
  catalog: catalogCommand,
  collect: collectCommand,
  serve: serveCommand,
  status: statusCommand,
  'install-flamingo': installFlamingoCommand,
  'uninstall-flamingo': uninstallFlamingoCommand,
  'demo-menu': demoMenuCommand,
  'config-check': configCheckCommand,
  'rebuild-rollups': rebuildRollupsCommand,
};
