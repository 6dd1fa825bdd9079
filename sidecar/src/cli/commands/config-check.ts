import { loadConfigFile } from '../../config/load';
import type { Command } from './types';

export const configCheckCommand: Command = {
  summary: 'validate the config file and print it with defaults filled in',
  async run(ctx) {
    const cfg = loadConfigFile(ctx.configPath);
    const shown = { ...cfg, mysql: { ...cfg.mysql, url: cfg.mysql.url?.replace(/:[^:@/]*@/, ':***@') } };
    ctx.out(ctx.json ? JSON.stringify(shown, null, 2) : `${ctx.configPath}: valid (${cfg.clusters.length} cluster(s))`);
    return 0;
  },
};
