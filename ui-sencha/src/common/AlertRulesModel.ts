/**
 * Pure helpers of the alert rules grid: grouping (Kafka / ZooKeeper / general), the name in the
 * page's locale, the state light from GET /alerts, scope and durations as people read them.
 * Everything returned as HTML is built from encoded text.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);
  const OPS = ['>', '>=', '<', '<=', '==', '!='];
  const GROUP_KEYS: Record<string, string> = { kafka: '1-kafka', zookeeper: '2-zookeeper', general: '3-general' };
  const UNITS: Array<[string, number]> = [
    ['d', 86400e3],
    ['h', 3600e3],
    ['m', 60e3],
    ['s', 1000],
  ];

  const Model: DfAlertRulesModel = {
    group: (rule) => {
      const kind = rule.kind || '';
      if (kind === 'zookeeper' || rule.metric.indexOf('zookeeper.') === 0) return 'zookeeper';
      if (kind.indexOf('kafka-') === 0 || rule.metric.indexOf('kafka.') === 0) return 'kafka';
      return 'general';
    },
    groupKey: (rule) => GROUP_KEYS[Model.group(rule)] || '3-general',
    groupLabel: (key) => t('monitoring.kafka.common.rules.group.' + key.replace(/^\d-/, '')),
    name: (rule) => {
      const n = rule.name || { en: rule.id, ko: rule.id };
      const ko = /^ko/i.test(ns().Texts.locale());
      return (ko ? n.ko || n.en : n.en || n.ko) || rule.id;
    },
    states: (alerts) => {
      const out: Record<string, DfRuleState> = {};
      (alerts || []).forEach((a) => {
        const s = out[a.ruleId] || (out[a.ruleId] = { firing: 0, pending: 0 });
        if (a.status === 'firing') s.firing++;
        else s.pending++;
      });
      return out;
    },
    stateCell: (rule, state) => {
      const S = ns().Styles.stateColors;
      let color = S.ok;
      let text = t('monitoring.kafka.common.rules.state.ok');
      let key = 'ok';
      if (!rule.enabled) {
        color = S.unknown;
        text = t('monitoring.kafka.common.rules.state.off');
        key = 'off';
      } else if (state && state.firing > 0) {
        color = rule.severity === 'critical' ? S.crit : S.warn;
        text = t('monitoring.kafka.common.rules.state.firing', [state.firing]);
        key = 'firing';
      } else if (state && state.pending > 0) {
        color = S.warn;
        text = t('monitoring.kafka.common.rules.state.pending', [state.pending]);
        key = 'pending';
      }
      return '<span class="df-sev" data-state="' + key + '"><span class="df-dot" style="background:' + color + '"></span>' + enc(text) + '</span>';
    },
    scopeText: (rule) => {
      if (rule.target) return t('monitoring.kafka.common.rules.scope.target', [rule.target]);
      if (rule.scope === 'cluster') return t('monitoring.kafka.common.rules.scope.cluster', [rule.agg || 'sum']);
      return t('monitoring.kafka.common.rules.scope.series') + (rule.kind ? ' · ' + rule.kind : '');
    },
    opText: (op) =>
      op === 'quorum-lost' ? t('monitoring.kafka.common.rules.quorum') : op === '!=' ? '≠' : op === '>=' ? '≥' : op === '<=' ? '≤' : op === '==' ? '=' : op,
    parseDuration: (text) => {
      const s = String(text).trim().toLowerCase().replace(/\s+/g, '');
      if (s === '') return null;
      if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
      const re = /(\d+(?:\.\d+)?)(ms|d|h|m|s)/g;
      let total = 0;
      let consumed = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(s)) !== null) {
        if (m.index !== consumed) return null;
        consumed += m[0].length;
        const unit = m[2] as string;
        const factor = unit === 'ms' ? 1 : (UNITS.filter((u) => u[0] === unit)[0] as [string, number])[1];
        total += Number(m[1]) * factor;
      }
      return consumed === s.length ? Math.round(total) : null;
    },
    formatDuration: (ms) => {
      if (!ms) return '0';
      let rest = ms;
      let out = '';
      UNITS.forEach((u) => {
        const n = Math.floor(rest / u[1]);
        if (n > 0) {
          out += n + u[0];
          rest -= n * u[1];
        }
      });
      return out + (rest > 0 ? rest + 'ms' : '');
    },
    parseThreshold: (text) => {
      const s = String(text === null || text === undefined ? '' : text).trim();
      return s !== '' && isFinite(Number(s)) ? Number(s) : s;
    },
    ops: () => OPS.slice(),
  };

  Ext.define(
    'Flamingo2.view.monitoring.common.AlertRulesModel',
    Object.assign({ singleton: true, requires: ['Flamingo2.view.monitoring.common.Styles', 'Flamingo2.view.monitoring.common.Texts'] }, Model),
  );
})();
