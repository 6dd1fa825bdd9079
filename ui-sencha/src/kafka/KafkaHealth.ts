/**
 * The Kafka health lights, computed from the live state (pure: state in, lights out).
 * Rules follow the proposal's suggested alerts and Datadog's Kafka guidance (docs/metrics.md); the lights
 * with a threshold (idle shares, consumer lag) follow the cluster's alert rules (common/Thresholds.ts, kept current by common/RuleThresholds.ts).
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const EPS = 0.001;
  const BROKER: DfTargetKind = 'kafka-broker';

  function light(key: string, state: DfState, value: string, args?: Array<string | number>): DfLight {
    const T = ns().Texts;
    return {
      key: key,
      state: state,
      value: value,
      label: T.t('monitoring.kafka.light.' + key),
      hint: T.t('monitoring.kafka.light.' + key + '.hint', args),
    };
  }

  function zeroIsGood(key: string, v: number | undefined, bad: DfState): DfLight {
    if (v === undefined) return light(key, 'unknown', '–');
    return light(key, v > EPS ? bad : 'ok', ns().Format.count(Math.round(v)));
  }

  /** The hint's limit: the value in force, or the Configuration tab's word for a disabled rule. */
  function limitText(limit: DfLimit, fmt: (v: number) => string): string {
    return limit.value === undefined ? ns().Texts.t('monitoring.kafka.common.rules.state.off') : fmt(limit.value);
  }

  /**
   * Idle share: the network-idle / handler-idle rule (same metric; fallback: red under Thresholds.idleCrit), and
   * amber under Thresholds.idleWarn as an early sign while the rule is on. A disabled rule: grey, value shown.
   */
  function idle(key: string, v: number | undefined, cluster: string, ruleId: string): DfLight {
    const th = ns().Thresholds;
    const limit = ns().Thresholds.limitFor(cluster, ruleId, th.idleCrit, 'below', 'crit');
    const hint = [limitText(limit, ns().Format.ratio)];
    if (v === undefined) return light(key, 'unknown', '–', hint);
    let state = ns().Thresholds.judge(limit, v);
    if (state === 'ok' && v < th.idleWarn) state = 'warn';
    return light(key, state, ns().Format.ratio(v), hint);
  }

  function groupLag(state: DfLiveState): number | undefined {
    const M = ns().Metrics;
    const perGroup: Record<string, number> = {};
    state.latest({ metric: M.GROUP_LAG }).forEach((s) => {
      const g = (s.labels && s.labels['group']) || '';
      perGroup[g] = (perGroup[g] || 0) + s.value;
    });
    const lags = Object.keys(perGroup).map((g) => perGroup[g] as number);
    state.latest({ metric: M.RECORDS_LAG_MAX }).forEach((s) => lags.push(s.value));
    return ns().SeriesMath.combineValues(lags, 'max');
  }

  const KafkaHealth = {
    lights: function (state: DfLiveState): DfLight[] {
      const M = ns().Metrics;
      const F = ns().Format;
      const th = ns().Thresholds;
      const brokers = state.targets(BROKER);
      const up = brokers.filter((b) => b.state === 'up').length;
      const n = brokers.length;
      const brokerState: DfState = n === 0 ? 'unknown' : up === n ? 'ok' : up >= n - 1 && up > 0 ? 'warn' : 'crit';

      const controllers = state.combine({ metric: M.ACTIVE_CONTROLLER, kind: BROKER }, 'sum');
      const shrinks = state.combine({ metric: M.ISR_SHRINKS, kind: BROKER }, 'sum');
      const expands = state.combine({ metric: M.ISR_EXPANDS, kind: BROKER }, 'sum');
      let isr: DfLight;
      if (shrinks === undefined) isr = light('isr', 'unknown', '–');
      else if (shrinks <= EPS) isr = light('isr', 'ok', F.perSecond(0));
      else isr = light('isr', (expands || 0) > EPS ? 'warn' : 'crit', F.perSecond(shrinks));

      const swap = state.combine({ metric: M.SWAP_USED, kind: BROKER }, 'max');
      const lag = groupLag(state);
      // consumer-lag rule: a group's total lag (the client's records-lag-max, in messages too, is judged alike)
      const lagLimit = ns().Thresholds.limitFor(state.cluster, 'consumer-lag', th.maxLag, 'above', 'warn');
      const lagHint = [limitText(lagLimit, String)];

      return [
        light('brokers', brokerState, n === 0 ? '–' : up + ' / ' + n),
        zeroIsGood('urp', state.combine({ metric: M.UNDER_REPLICATED, kind: BROKER }, 'sum'), 'crit'),
        zeroIsGood('offline', state.combine({ metric: M.OFFLINE_PARTITIONS, kind: BROKER }, 'sum'), 'crit'),
        controllers === undefined
          ? light('controller', 'unknown', '–')
          : light('controller', Math.round(controllers) === 1 ? 'ok' : 'crit', String(Math.round(controllers))),
        isr,
        idle('network', state.combine({ metric: M.NETWORK_IDLE, kind: BROKER }, 'min'), state.cluster, 'network-idle'),
        idle('handler', state.combine({ metric: M.REQUEST_HANDLER_IDLE, kind: BROKER }, 'min'), state.cluster, 'handler-idle'),
        zeroIsGood('unclean', state.combine({ metric: M.UNCLEAN_ELECTIONS, kind: BROKER }, 'sum'), 'crit'),
        swap === undefined ? light('swap', 'unknown', '–') : light('swap', swap > 0 ? 'warn' : 'ok', F.bytes(swap)),
        lag === undefined ? light('lag', 'unknown', '–', lagHint) : light('lag', ns().Thresholds.judge(lagLimit, lag), F.count(Math.round(lag)), lagHint),
      ];
    },
  };

  Ext.define('Flamingo2.view.monitoring.kafka.KafkaHealth', {
    singleton: true,
    requires: [
      'Flamingo2.view.monitoring.common.Format',
      'Flamingo2.view.monitoring.common.Metrics',
      'Flamingo2.view.monitoring.common.SeriesMath',
      'Flamingo2.view.monitoring.common.Texts',
      'Flamingo2.view.monitoring.common.Thresholds',
    ],
    lights: KafkaHealth.lights,
  });
})();
