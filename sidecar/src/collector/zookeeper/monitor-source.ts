/**
 * Reads a ZooKeeper server's monitor values from whichever source answers: the AdminServer
 * `monitor` command first (when the target has an `adminUrl`), then the `mntr` four-letter word
 * over the client port (when it has a `clientAddress`). Both parse into the same key→value map.
 */
import { CollectorError } from '../../core/collection';
import type { Target } from '../../core/model';
import { fetchDirs, fetchMonitor, type DirSizes } from './admin-client';
import { sendFourLetterWord } from './four-letter';
import { parseMntrDetailed, type MonitorValues } from './mntr-parser';

export type MonitorSourceName = 'admin' | 'mntr';

export interface MonitorReading {
  values: MonitorValues;
  /** Source that answered. */
  via: MonitorSourceName;
  /** Problems worth a warning although a value map was obtained (e.g. why the AdminServer was skipped). */
  warnings: string[];
}

/** The two readers, injectable for tests. */
export interface MonitorReaders {
  admin(adminUrl: string, timeoutMs: number): Promise<MonitorValues>;
  mntr(clientAddress: string, timeoutMs: number): Promise<MonitorValues>;
  /** The AdminServer `dirs` command (data/log dir sizes); without it no dir growth is derived. */
  dirs?(adminUrl: string, timeoutMs: number): Promise<DirSizes>;
}

/** `mntr` over the client port, parsed; an answer with no `zk_` line at all is a BAD_RESPONSE. */
export async function readMntr(clientAddress: string, timeoutMs: number): Promise<MonitorValues> {
  const text = await sendFourLetterWord(clientAddress, 'mntr', timeoutMs);
  const parsed = parseMntrDetailed(text);
  if (parsed.values.size === 0) {
    throw new CollectorError('BAD_RESPONSE', `${clientAddress}: mntr answered no values: ${JSON.stringify(text.slice(0, 80))}`, true);
  }
  return parsed.values;
}

export const defaultMonitorReaders: MonitorReaders = {
  admin: async (url, timeoutMs) => new Map(Object.entries(await fetchMonitor(url, timeoutMs))),
  mntr: readMntr,
  dirs: fetchDirs,
};

/**
 * AdminServer first, `mntr` as the fallback (or `mntr` first when `order` says so; a source the
 * target has no address for is skipped). Rejects with a CollectorError when no source answered:
 * the last source's error, its message naming every failure, retriable when any was.
 * Worst-case duration: one `timeoutMs` per configured source.
 */
export async function readMonitor(
  target: Pick<Target, 'key' | 'adminUrl' | 'clientAddress'>,
  timeoutMs: number,
  readers: MonitorReaders = defaultMonitorReaders,
  order: readonly MonitorSourceName[] = ['admin', 'mntr'],
): Promise<MonitorReading> {
  const failures: { via: MonitorSourceName; error: CollectorError }[] = [];
  for (const via of order) {
    const address = via === 'admin' ? target.adminUrl : target.clientAddress;
    if (!address) continue;
    try {
      const values = await (via === 'admin' ? readers.admin(address, timeoutMs) : readers.mntr(address, timeoutMs));
      const warnings = failures.map((f) => `${f.via === 'admin' ? 'AdminServer' : 'mntr'} failed, used ${via}: ${f.error.message}`);
      return { values, via, warnings };
    } catch (err) {
      failures.push({ via, error: asCollectorError(err) });
    }
  }
  const last = failures[failures.length - 1]?.error;
  if (!last) throw new CollectorError('CONFIG', `${target.key} has neither an AdminServer URL nor a client address`, false);
  if (failures.length === 1) throw last;
  throw new CollectorError(
    last.code,
    failures.map((f) => f.error.message).join('; '),
    failures.some((f) => f.error.retriable),
    { cause: failures.map((f) => f.error) },
  );
}

function asCollectorError(err: unknown): CollectorError {
  return err instanceof CollectorError ? err : new CollectorError('INTERNAL', err instanceof Error ? err.message : String(err), true, { cause: err });
}
