/**
 * Keeps the cluster's alert rules (GET /clusters/:cid/rules) in common/Thresholds.ts, so threshold lines,
 * badges and lights sit where the sidecar alerts: an operator's edit in the Configuration tab (at once:
 * put / set after its save, reset or reload) or through the admin API (within the 60 s reload) moves them.
 * Loaded when a panel starts watching a cluster, and every 60 s while one does. A failed load keeps the
 * last known rules (or, never loaded, the Thresholds fallbacks): it never breaks a panel.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const RELOAD_MS = 60000;

  interface Watch {
    fns: Array<() => void>;
    timer: number | null;
  }

  const watches: Record<string, Watch> = {};
  /** Bumped by every set/put: a load answered after a newer change (a save meanwhile) is dropped. */
  const versions: Record<string, number> = {};

  function entry(rule: DfRule): DfRuleLimitEntry {
    return { threshold: rule.threshold, severity: rule.severity, enabled: rule.enabled, op: rule.op };
  }

  function store(cluster: string, table: Record<string, DfRuleLimitEntry>): void {
    versions[cluster] = (versions[cluster] || 0) + 1;
    if (!ns().Thresholds.storeRules(cluster, table)) return;
    const w = watches[cluster];
    if (!w) return;
    w.fns.slice().forEach((fn) => {
      try {
        fn();
      } catch {
        // one broken listener never stops the others
      }
    });
  }

  const RuleThresholds: DfRuleThresholds = {
    set: (cluster, rules) => {
      const table: Record<string, DfRuleLimitEntry> = {};
      (Array.isArray(rules) ? rules : []).forEach((r) => {
        if (r && typeof r.id === 'string') table[r.id] = entry(r);
      });
      store(cluster, table);
    },

    put: (cluster, rule) => {
      if (!rule || typeof rule.id !== 'string') return;
      const table: Record<string, DfRuleLimitEntry> = Object.assign({}, ns().Thresholds.rulesOf(cluster) || {});
      table[rule.id] = entry(rule);
      store(cluster, table);
    },

    load: (cluster) => {
      if (!cluster) return Promise.resolve();
      const version = versions[cluster] || 0;
      return Promise.resolve()
        .then(() => ns().Sidecar.get<DfRule[]>('/clusters/' + encodeURIComponent(cluster) + '/rules'))
        .then(
          (rules) => {
            if ((versions[cluster] || 0) !== version || !Array.isArray(rules)) return;
            RuleThresholds.set(cluster, rules);
          },
          () => undefined, // keep what was known; the next reload tries again
        );
    },

    watch: (cluster, fn) => {
      let w = watches[cluster];
      if (!w) {
        w = { fns: [], timer: null };
        watches[cluster] = w;
      }
      const own = w;
      own.fns.push(fn);
      if (own.timer === null) own.timer = window.setInterval(() => void RuleThresholds.load(cluster), RELOAD_MS);
      void RuleThresholds.load(cluster);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        const i = own.fns.indexOf(fn);
        if (i >= 0) own.fns.splice(i, 1);
        if (own.fns.length > 0) return;
        if (own.timer !== null) window.clearInterval(own.timer);
        own.timer = null;
        if (watches[cluster] === own) delete watches[cluster];
      };
    },
  };

  Ext.define(
    'Flamingo2.view.monitoring.common.RuleThresholds',
    Object.assign({ singleton: true, requires: ['Flamingo2.view.monitoring.common.Sidecar', 'Flamingo2.view.monitoring.common.Thresholds'] }, RuleThresholds),
  );
})();
