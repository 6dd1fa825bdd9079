/**
 * Where lights turn amber or red and where threshold lines are drawn (the proposal's and
 * ZooKeeper's monitoring guide's suggested alerts). Override any of them with a number in
 * Flamingo's config: `doflamingo.threshold.<name>` (e.g. doflamingo.threshold.maxLag=500).
 */
(function () {
  const defaults: DfThresholds = {
    /** Heap line drawn at this share of the heap maximum. */
    heapRatio: 0.8,
    /** Max lag threshold, messages (proposal: > 50). */
    maxLag: 50,
    /** Minimum fetch rate under which a consumer counts as stalled, fetches/s. */
    minFetchRate: 0.5,
    /** Network / request handler idle share: amber under idleWarn, red under idleCrit (proposal: < 0.3). */
    idleWarn: 0.5,
    idleCrit: 0.3,
    /** ZooKeeper average latency, ms (guide: > 100 ms). */
    zkLatencyMs: 100,
    /** ZooKeeper outstanding requests. */
    zkOutstanding: 10,
    /** ZooKeeper open file descriptors / max (guide: > 80%). */
    zkFdRatio: 0.8,
    /** ZooKeeper pending syncs on the leader (guide: > 10). */
    zkPendingSyncs: 10,
  };
  const values: DfThresholds = Object.assign({}, defaults);
  const cfg = typeof config === 'object' && config ? config : {};
  (Object.keys(defaults) as Array<keyof DfThresholds>).forEach((name) => {
    const raw = cfg['doflamingo.threshold.' + name];
    const n = raw === undefined ? NaN : Number(raw);
    if (isFinite(n)) values[name] = n;
  });
  Ext.define('Flamingo2.view.monitoring.common.Thresholds', Object.assign({ singleton: true }, values));
})();
