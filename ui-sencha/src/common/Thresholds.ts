/**
 * Where lights turn amber or red and where threshold lines are drawn. Precedence:
 * 1. the cluster's alert rule measuring the same thing (GET /clusters/:cid/rules, kept here per cluster by
 *    common/RuleThresholds.ts): its threshold, severity (warning → amber, critical → red) and on/off;
 * 2. a number in Flamingo's config: `doflamingo.threshold.<name>` (e.g. doflamingo.threshold.maxLag=500);
 * 3. the built-in defaults below (the proposal's and ZooKeeper's monitoring guide's suggested alerts).
 * Rules are current settings: the time machine's past views are judged by them as they are now.
 */
(function () {
  const defaults: DfThresholdValues = {
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
    /** Bytes a ZooKeeper dir may grow in a day without shrinking (the zk-purge-off-growing rule's default). */
    zkUnpurgedGrowthBytes: 256 * 1024 * 1024,
  };
  const values: DfThresholdValues = Object.assign({}, defaults);
  const cfg = typeof config === 'object' && config ? config : {};
  (Object.keys(defaults) as Array<keyof DfThresholdValues>).forEach((name) => {
    const raw = cfg['doflamingo.threshold.' + name];
    const n = raw === undefined ? NaN : Number(raw);
    if (isFinite(n)) values[name] = n;
  });

  /** Per cluster: rule id → what the panels use of it (absent: never loaded). */
  const tables: Record<string, Record<string, DfRuleLimitEntry>> = {};

  function direction(op: string): 'above' | 'below' | null {
    if (op === '>' || op === '>=') return 'above';
    if (op === '<' || op === '<=') return 'below';
    return null;
  }

  const methods: Omit<DfThresholds, keyof DfThresholdValues> = {
    limit: (rule, fallback, bad, fallbackState) => {
      // a rule looking the other way (or with no number) does not describe this picture: keep the fallback
      const usable = !!rule && direction(rule.op) === bad && typeof rule.threshold === 'number' && isFinite(rule.threshold);
      if (!rule || !usable) return { value: fallback, bad: bad, inclusive: false, crossed: fallbackState, source: 'fallback' };
      const crossed: DfState = rule.severity === 'critical' ? 'crit' : 'warn';
      if (!rule.enabled) return { value: undefined, bad: bad, inclusive: false, crossed: crossed, source: 'off' };
      return { value: rule.threshold, bad: bad, inclusive: rule.op === '>=' || rule.op === '<=', crossed: crossed, source: 'rule' };
    },

    judge: (limit, v) => {
      if (v === undefined || limit.value === undefined) return 'unknown';
      const th = limit.value;
      const bad = limit.bad === 'below' ? (limit.inclusive ? v <= th : v < th) : limit.inclusive ? v >= th : v > th;
      return bad ? limit.crossed : 'ok';
    },

    lookup: (cluster, ruleId) => {
      const table = tables[cluster];
      return table ? table[ruleId] : undefined;
    },

    limitFor: (cluster, ruleId, fallback, bad, fallbackState) => methods.limit(methods.lookup(cluster, ruleId), fallback, bad, fallbackState),

    storeRules: (cluster, table) => {
      const before = tables[cluster];
      tables[cluster] = table;
      return !before || JSON.stringify(before) !== JSON.stringify(table);
    },

    rulesOf: (cluster) => tables[cluster],
  };

  Ext.define('Flamingo2.view.monitoring.common.Thresholds', Object.assign({ singleton: true }, values, methods));
})();
