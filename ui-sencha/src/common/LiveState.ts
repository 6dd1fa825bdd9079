/**
 * The latest value of every series of one cluster + view, fed by the socket's snapshot and
 * update messages. Values of targets that are down, and values much older than the newest one,
 * are left out of lookups: a stopped broker must not keep showing its last good numbers.
 */
(function () {
  const MAX_AGE_MS = 10 * 60 * 1000;

  function labelsKey(labels: Record<string, string> | undefined): string {
    if (!labels) return '';
    return Object.keys(labels)
      .sort()
      .map((k) => k + '=' + labels[k])
      .join('\u0001');
  }

  function matches(s: DfSample, want: Record<string, string> | undefined): boolean {
    if (!want) return true;
    const have = s.labels || {};
    return Object.keys(want).every((k) => have[k] === want[k]);
  }

  Ext.define('Flamingo2.view.monitoring.common.LiveState', {
    requires: ['Flamingo2.view.monitoring.common.SeriesMath'],
    cluster: '',
    ts: 0,

    constructor: function (this: DfLiveStateImpl, cfg: { cluster: string }) {
      this.cluster = cfg.cluster;
      this.ts = 0;
      this.byMetric = {};
      this.targetMap = {};
    },

    applySnapshot: function (this: DfLiveStateImpl, snap: DfSnapshot): void {
      this.byMetric = {};
      this.targetMap = {};
      this.ts = snap.ts || 0;
      this.applyUpdate(snap.samples || [], snap.targets || []);
    },

    applyUpdate: function (this: DfLiveStateImpl, samples: DfSample[], targets?: DfTarget[]): void {
      (targets || []).forEach((t) => {
        this.targetMap[t.key] = t;
      });
      samples.forEach((s) => {
        if (typeof s.value !== 'number' || !isFinite(s.value)) return;
        const m = this.byMetric[s.metric] || (this.byMetric[s.metric] = {});
        const key = s.target + '\u0002' + labelsKey(s.labels);
        const prev = m[key];
        if (!prev || prev.ts <= s.ts) m[key] = s;
        if (s.ts > this.ts) this.ts = s.ts;
      });
    },

    targets: function (this: DfLiveStateImpl, kind?: DfTargetKind): DfTarget[] {
      return Object.keys(this.targetMap)
        .map((k) => this.targetMap[k] as DfTarget)
        .filter((t) => !kind || t.kind === kind)
        .sort((a, b) => a.key.localeCompare(b.key, undefined, { numeric: true }));
    },

    target: function (this: DfLiveStateImpl, key: string): DfTarget | undefined {
      return this.targetMap[key];
    },

    kindOf: function (this: DfLiveStateImpl, key: string): DfTargetKind | undefined {
      const t = this.targetMap[key];
      return t ? t.kind : undefined;
    },

    latest: function (this: DfLiveStateImpl, f: DfSeriesFilter): DfSample[] {
      const m = this.byMetric[f.metric];
      if (!m) return [];
      const oldest = this.ts - MAX_AGE_MS;
      return Object.keys(m)
        .map((k) => m[k] as DfSample)
        .filter((s) => {
          if (s.ts < oldest) return false;
          if (f.target !== undefined && s.target !== f.target) return false;
          const t = this.targetMap[s.target];
          if (t && t.state === 'down') return false;
          if (f.kind && (!t || t.kind !== f.kind)) return false;
          return matches(s, f.labels);
        });
    },

    value: function (this: DfLiveStateImpl, metric: string, target: string, labels?: Record<string, string>): number | undefined {
      const found = this.latest({ metric: metric, target: target, labels: labels });
      const exact = found.filter((s) => labelsKey(s.labels) === labelsKey(labels));
      const pick = exact[0] || found[0];
      return pick ? pick.value : undefined;
    },

    combine: function (this: DfLiveStateImpl, f: DfSeriesFilter, how: DfCombine): number | undefined {
      const values = this.latest(f).map((s) => s.value);
      return Flamingo2.view.monitoring.common.SeriesMath.combineValues(values, how);
    },

    labelValues: function (this: DfLiveStateImpl, metric: string, label: string): string[] {
      const seen: Record<string, boolean> = {};
      this.latest({ metric: metric }).forEach((s) => {
        const v = s.labels ? s.labels[label] : undefined;
        if (v !== undefined) seen[v] = true;
      });
      return Object.keys(seen).sort();
    },
  });
})();
