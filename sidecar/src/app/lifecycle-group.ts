/**
 * Starts an ordered list of modules one after the other and stops them in reverse (Burrow's
 * coordinator). A module that fails to start rolls back every module started before it, so a
 * rejected start() never leaves anything running. stop() may come at any time: during start it
 * lets the module being started finish, starts no further one and stops the started ones.
 */
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import type { Lifecycle } from '../core/lifecycle';
import type { Logger } from '../log/logger';

/** start() was cut short by stop(): not a failure of any module. */
export class StartAbortedError extends Error {
  constructor(group: string, before: string) {
    super(`${group}: stopped while starting (before ${before})`);
    this.name = 'StartAbortedError';
  }
}

export class LifecycleGroup implements Lifecycle {
  /** Modules whose start() was called, in start order; the last one may still be starting. */
  private readonly started: Lifecycle[] = [];
  private starting?: Promise<void>;
  private stopping?: Promise<void>;
  private stopRequested = false;

  constructor(
    readonly name: string,
    private readonly modules: readonly Lifecycle[],
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {
    const names = modules.map((m) => m.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw new Error(`${name}: module "${twice}" is listed twice`);
  }

  /** Names in start order. */
  get moduleNames(): string[] {
    return this.modules.map((m) => m.name);
  }

  /**
   * Starts every module in order. When one fails, the modules started so far (that one included:
   * it may hold part of what it acquired) are stopped in reverse and its error is rethrown.
   * Concurrent calls share one start; once stop() was called it rejects with StartAbortedError
   * (a stopped group does not start again).
   */
  start(): Promise<void> {
    if (this.stopRequested) return Promise.reject(new StartAbortedError(this.name, this.modules[0]?.name ?? 'any module'));
    this.starting ??= this.startAll();
    return this.starting;
  }

  /** Stops the started modules in reverse, once; a module's failure to stop is logged and the others still stop. Never rejects. */
  stop(): Promise<void> {
    this.stopRequested = true;
    this.stopping ??= (async () => {
      await this.starting?.catch(() => undefined);
      await this.stopStarted();
    })();
    return this.stopping;
  }

  private async startAll(): Promise<void> {
    for (const m of this.modules) {
      if (this.stopRequested) {
        await this.stopStarted();
        throw new StartAbortedError(this.name, m.name);
      }
      const t0 = this.clock.now();
      this.started.push(m);
      try {
        await m.start();
      } catch (err) {
        this.log.error('module failed to start: stopping the started ones', { module: m.name, error: messageOf(err) });
        await this.stopStarted();
        throw err;
      }
      this.log.debug('module started', { module: m.name, ms: this.clock.now() - t0 });
    }
  }

  private async stopStarted(): Promise<void> {
    for (let m = this.started.pop(); m; m = this.started.pop()) {
      const t0 = this.clock.now();
      try {
        await m.stop();
        this.log.debug('module stopped', { module: m.name, ms: this.clock.now() - t0 });
      } catch (err) {
        // the contract says stop() never throws; one that does must not keep the others running
        this.log.warn('module failed to stop', { module: m.name, error: messageOf(err), ms: this.clock.now() - t0 });
      }
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
