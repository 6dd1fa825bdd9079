/**
 * For integration tests of the read API over the real MariaDB: seeds targets and samples into a
 * migrated database, and serves the MySQL read model through the real API server (read token `r`).
 */
import type { Pool } from 'mysql2/promise';
import { createApiServer, type ApiServer } from '../../sidecar/src/api/server';
import { ManualClock } from '../../sidecar/src/core/clock';
import { createMysqlReadModel, type LiveSource } from '../../sidecar/src/api/read-model-mysql';
import { LiveFeedHub } from '../../sidecar/src/app/live-feed';
import { BUILTIN_ENTRIES } from '../../sidecar/src/catalog/catalog';
import { silentLogger } from '../../sidecar/src/log/logger';
import type { Sample, Target } from '../../sidecar/src/core/model';
import { SeriesRegistry } from '../../sidecar/src/store/registry';

/** Registers the cluster, its targets and the built-in metrics, then inserts `samples` (ms timestamps) as raw rows. */
export async function seedSamples(pool: Pool, clusterId: string, targets: Target[], samples: Sample[]): Promise<SeriesRegistry> {
  const registry = new SeriesRegistry(pool, silentLogger);
  await registry.upsertCluster(clusterId, 'test');
  await registry.upsertTargets(targets);
  await registry.upsertMetrics([...BUILTIN_ENTRIES]);
  const ids = await registry.resolve(samples);
  if (!ids.every((id) => typeof id === 'number')) throw new Error('some seeded series were not registered');
  const rows = samples.map((s, i) => [ids[i], s.ts / 1000, s.value]);
  for (let i = 0; i < rows.length; i += 2000) await pool.query('INSERT INTO FL_DOF_SAMPLE (series_id, ts, value) VALUES ?', [rows.slice(i, i + 2000)]);
  return registry;
}

export interface ReadApi {
  server: ApiServer;
  /** GET under /api/v1 with the read token; asserts the status. */
  get<T>(path: string, status?: number): Promise<T>;
}

/** The API server over the MySQL read model, on a free port, with the clock at `nowMs`. */
export async function startReadApi(pool: Pool, live: LiveSource, nowMs: number): Promise<ReadApi> {
  const clock = new ManualClock(nowMs);
  const server = createApiServer({
    readModel: createMysqlReadModel(pool, live, { clock }),
    liveFeed: new LiveFeedHub(),
    config: { host: '127.0.0.1', port: 0, readToken: 'r', corsOrigins: [] },
    log: silentLogger,
    clock,
  });
  const base = (await server.start()).url + '/api/v1';
  return {
    server,
    async get<T>(path: string, status = 200): Promise<T> {
      const res = await fetch(base + path, { headers: { Authorization: 'Bearer r' } });
      const body = (await res.json()) as T;
      expect({ path, status: res.status }).toEqual({ path, status });
      return body;
    },
  };
}
