/**
 * Growth of a ZooKeeper data or log directory since it last shrank. ZooKeeper does not expose its
 * autopurge settings remotely (not in the AdminServer `configuration` command, `conf`, JMX), so a
 * missing purge is seen by its effect: a purge deletes old snapshots and logs, so a directory that
 * has not shrunk once in a whole window while growing is not being purged. The window is one day:
 * `autopurge.purgeInterval` is in hours, and a purge at least daily is what the admin guide's
 * maintenance section asks for.
 */

/** How long a directory must go without shrinking before its growth is reported. */
export const GROWTH_WINDOW_MS = 24 * 3_600_000;

interface Run {
  /** First observation of this directory (the tracker knows nothing before it). */
  firstTs: number;
  /** When the current run without a shrink started, and the size then. */
  startTs: number;
  startBytes: number;
  lastBytes: number;
}

/** Remembers one run per directory key (bounded by the number of servers × 2). */
export class DirGrowthTracker {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly windowMs = GROWTH_WINDOW_MS) {}

  /**
   * Observes a directory's size at `now` and returns the bytes it grew since its last shrink when
   * that run has lasted the whole window; 0 when it shrank within the window (purged); undefined
   * until the tracker has watched it for one window (no evidence either way yet).
   */
  observe(key: string, now: number, bytes: number): number | undefined {
    if (!Number.isFinite(bytes) || bytes < 0) return undefined;
    const run = this.runs.get(key);
    if (!run) {
      this.runs.set(key, { firstTs: now, startTs: now, startBytes: bytes, lastBytes: bytes });
      return undefined;
    }
    if (bytes < run.lastBytes) {
      run.startTs = now;
      run.startBytes = bytes;
    }
    run.lastBytes = bytes;
    if (now - run.firstTs < this.windowMs) return undefined;
    return now - run.startTs < this.windowMs ? 0 : bytes - run.startBytes;
  }

  /** Forgets a directory (a target removed). */
  forget(key: string): void {
    this.runs.delete(key);
  }
}
