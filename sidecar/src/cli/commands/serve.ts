/**
 * `serve`: the long-running sidecar — collection on the schedule, the REST + WebSocket API,
 * and (with api.demo) the Flamingo-shaped demo host page, all built and run by the composition
 * root (app/root.ts). This command only turns signals into a stop: the first SIGINT/SIGTERM stops
 * the sidecar cleanly (module by module in reverse start order) and exits 0; a second one exits at
 * once (130 / 143). A failed start has stopped what it started and exits 1 with its error.
 */
import { buildSidecar } from '../../app/root';
import { StartAbortedError } from '../../app/lifecycle-group';
import { cliLogger, loadConfig } from './shared';
import type { Command } from './types';

const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

export const serveCommand: Command = {
  summary: 'collect on the schedule and serve the REST/WebSocket API (and the demo page with api.demo)',
  async run(ctx) {
    const cfg = loadConfig(ctx);
    const log = cliLogger(cfg, ctx);
    const sidecar = buildSidecar(cfg, log);
    let resolveSignal = (): void => undefined;
    const signalled = new Promise<void>((resolve) => (resolveSignal = resolve));
    let stopping = false;
    const onSignal = (signal: 'SIGINT' | 'SIGTERM'): void => {
      if (stopping) {
        log.warn('second signal: exiting without a clean stop', { signal });
        process.exit(SIGNAL_EXIT[signal]);
      }
      stopping = true;
      log.info('stopping', { signal });
      resolveSignal();
      void sidecar.stop();
    };
    const onInt = (): void => onSignal('SIGINT');
    const onTerm = (): void => onSignal('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    try {
      try {
        await sidecar.start();
      } catch (err) {
        if (!(err instanceof StartAbortedError)) throw err;
        await sidecar.stop(); // a signal came during start: what had started is stopped
        return 0;
      }
      log.info('listening', { url: sidecar.url, demo: cfg.api.demo });
      ctx.out(`doflamingo: serving ${sidecar.url}${cfg.api.demo ? ' (demo page at /)' : ''}`);
      await signalled;
      await sidecar.stop();
      return 0;
    } finally {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      await log.close();
    }
  },
};
