/**
 * ZooKeeper ensemble state from the live state (pure): each server's facts, the quorum light and
 * the ensemble's lights. Rules: docs/metrics.md (ZooKeeper panel); latency, outstanding
 * requests and pending syncs follow the cluster's alert rules zk-latency / zk-outstanding / zk-pending-syncs
 * (same metrics; common/Thresholds.ts). Open file descriptors have no rule: Thresholds.zkFdRatio.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);

  function light(key: string, state: DfState, value: string, args?: Array<string | number>): DfLight {
    return {
      key: key,
      state: state,
      value: value,
      label: t('monitoring.zookeeper.light.' + key),
      hint: t('monitoring.zookeeper.light.' + key + '.hint', args),
    };
  }

  function isUp(s: DfZkServer): boolean {
    return s.state === 'up';
  }

  const ZooKeeperHealth: DfZooKeeperHealth = {
    servers: (state) => {
      const M = ns().Metrics;
      return state.targets('zookeeper').map((target) => {
        const v = (metric: string) => state.value(metric, target.key);
        const upFlag = v(M.ZK_UP);
        const up = target.state === 'up' && upFlag !== 0;
        return {
          key: target.key,
          state: up ? 'up' : target.state === 'unknown' ? 'unknown' : 'down',
          leader: up && v(M.ZK_IS_LEADER) === 1,
          avgLatency: v(M.ZK_AVG_LATENCY),
          maxLatency: v(M.ZK_MAX_LATENCY),
          outstanding: v(M.ZK_OUTSTANDING),
          connections: v(M.ZK_CONNECTIONS),
          znodes: v(M.ZK_ZNODES),
          watches: v(M.ZK_WATCHES),
          openFds: v(M.ZK_OPEN_FDS),
          maxFds: v(M.ZK_MAX_FDS),
          heapUsed: v(M.ZK_HEAP_USED),
          heapMax: v(M.ZK_HEAP_MAX),
          dataDirSize: v(M.ZK_DATA_DIR_SIZE),
          logDirSize: v(M.ZK_LOG_DIR_SIZE),
          dirGrowthUnpurged: v(M.ZK_DIR_GROWTH_UNPURGED),
          syncedFollowers: v(M.ZK_SYNCED_FOLLOWERS),
          pendingSyncs: v(M.ZK_PENDING_SYNCS),
        } as DfZkServer;
      });
    },

    quorum: (servers) => {
      const n = servers.length;
      const up = servers.filter(isUp).length;
      const leaders = servers.filter((s) => s.leader).length;
      const need = Math.floor(n / 2) + 1;
      const value = n === 0 ? '–' : up + ' / ' + n;
      if (n === 0) return light('quorum', 'unknown', value, [need]);
      if (up < need) return light('quorum', 'crit', value, [need]);
      if (leaders !== 1) return light('quorum', 'crit', value, [need]);
      return light('quorum', up < n ? 'warn' : 'ok', value, [need]);
    },

    limits: (cluster) => {
      const th = ns().Thresholds;
      return {
        latency: th.limitFor(cluster, 'zk-latency', th.zkLatencyMs, 'above', 'warn'),
        outstanding: th.limitFor(cluster, 'zk-outstanding', th.zkOutstanding, 'above', 'warn'),
        pending: th.limitFor(cluster, 'zk-pending-syncs', th.zkPendingSyncs, 'above', 'warn'),
        unpurged: th.limitFor(cluster, 'zk-purge-off-growing', th.zkUnpurgedGrowthBytes, 'above', 'warn'),
      };
    },

    lights: (state) => {
      const F = ns().Format;
      const th = ns().Thresholds;
      const lim = ZooKeeperHealth.limits(state.cluster);
      const off = t('monitoring.kafka.common.rules.state.off');
      const hint = (l: DfLimit) => [l.value === undefined ? off : l.value];
      const servers = ZooKeeperHealth.servers(state);
      const up = servers.filter(isUp);
      const leaders = servers.filter((s) => s.leader);
      const leader = leaders[0];
      const max = (pick: (s: DfZkServer) => number | undefined) =>
        ns().SeriesMath.combineValues(
          up.map(pick).filter((x): x is number => x !== undefined),
          'max',
        );
      const latency = max((s) => s.avgLatency);
      const outstanding = max((s) => s.outstanding);
      const fdRatio = max((s) => (s.openFds !== undefined && s.maxFds ? s.openFds / s.maxFds : undefined));
      const followersWanted = servers.length - 1;
      const synced = leader ? leader.syncedFollowers : undefined;
      const pending = leader ? leader.pendingSyncs : undefined;
      const none = (key: string, args?: Array<string | number>) => light(key, 'unknown', '–', args);
      return [
        ZooKeeperHealth.quorum(servers),
        leaders.length === 1 && leader
          ? light('leader', 'ok', leader.key)
          : light('leader', servers.length === 0 ? 'unknown' : 'crit', leaders.length === 0 ? t('monitoring.zookeeper.no_leader') : String(leaders.length)),
        synced === undefined
          ? none('synced', [followersWanted])
          : light('synced', synced >= followersWanted ? 'ok' : 'warn', synced + ' / ' + followersWanted, [followersWanted]),
        latency === undefined ? none('latency', hint(lim.latency)) : light('latency', th.judge(lim.latency, latency), F.ms(latency), hint(lim.latency)),
        outstanding === undefined
          ? none('outstanding', hint(lim.outstanding))
          : light('outstanding', th.judge(lim.outstanding, outstanding), F.count(outstanding), hint(lim.outstanding)),
        pending === undefined ? none('pending', hint(lim.pending)) : light('pending', th.judge(lim.pending, pending), F.count(pending), hint(lim.pending)),
        fdRatio === undefined
          ? none('fds', [Math.round(th.zkFdRatio * 100)])
          : light('fds', fdRatio > th.zkFdRatio ? 'warn' : 'ok', F.ratio(fdRatio), [Math.round(th.zkFdRatio * 100)]),
      ];
    },
  };

  Ext.define(
    'Flamingo2.view.monitoring.zookeeper.ZooKeeperHealth',
    Object.assign(
      {
        singleton: true,
        requires: [
          'Flamingo2.view.monitoring.common.Format',
          'Flamingo2.view.monitoring.common.Metrics',
          'Flamingo2.view.monitoring.common.SeriesMath',
          'Flamingo2.view.monitoring.common.Texts',
          'Flamingo2.view.monitoring.common.Thresholds',
        ],
      },
      ZooKeeperHealth,
    ),
  );
})();
