/**
 * Monitoring › ZooKeeper (FL_COMM_MENU.MENU_NS = 'monitoring.zookeeper.ZooKeeper').
 * The ensemble as a picture: a quorum light and lights, one tile per server (role, up/down colour,
 * latency, outstanding requests, connections, znodes, watches, open fds vs max, heap, data/log dir
 * size), then charts over time. Live through the sidecar's WebSocket.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);
  const ZK: DfTargetKind = 'zookeeper';

  function kv(label: string, value: string, state?: DfState): string {
    return '<div class="df-kv"><span>' + enc(label) + '</span><b' + (state ? ' class="df-text-' + state + '"' : '') + '>' + enc(value) + '</b></div>';
  }

  function bar(ratio: number | undefined, state: DfState): string {
    const w = ratio === undefined ? 0 : Math.max(0, Math.min(100, ratio * 100));
    return '<div class="df-bar"><div class="df-state-' + state + '" style="width:' + w.toFixed(1) + '%"></div></div>';
  }

  function tile(s: DfZkServer, target: DfTarget | undefined, cluster: string): string {
    const F = ns().Format;
    const th = ns().Thresholds;
    const lim = Flamingo2.view.monitoring.zookeeper.ZooKeeperHealth.limits(cluster);
    const dash = '–';
    const fmt = (x: number | undefined, f: (n: number) => string) => (x === undefined ? dash : f(x));
    const fdRatio = s.openFds !== undefined && s.maxFds ? s.openFds / s.maxFds : undefined;
    const heapRatio = s.heapUsed !== undefined && s.heapMax ? s.heapUsed / s.heapMax : undefined;
    const latencyState = th.judge(lim.latency, s.avgLatency);
    const outstandingState = th.judge(lim.outstanding, s.outstanding);
    // ZooKeeper does not show its autopurge setting: a dir grown a day without shrinking says purge is off
    const unpurgedState = th.judge(lim.unpurged, s.dirGrowthUnpurged);
    const unpurged = unpurgedState === 'warn' || unpurgedState === 'crit';
    const fdState: DfState = fdRatio === undefined ? 'unknown' : fdRatio > th.zkFdRatio ? 'warn' : 'ok';
    const heapState: DfState = heapRatio === undefined ? 'unknown' : heapRatio > 0.8 ? 'warn' : 'ok';
    let state: DfState = s.state === 'up' ? 'ok' : s.state === 'down' ? 'crit' : 'unknown';
    // the worst of latency (zk-latency rule), outstanding requests (zk-outstanding rule) and open files
    [latencyState, outstandingState, fdState].forEach((x) => {
      if (state === 'ok' && (x === 'warn' || x === 'crit')) state = x;
      else if (state === 'warn' && x === 'crit') state = 'crit';
    });
    const role = s.state !== 'up' ? 'down' : s.leader ? 'leader' : 'follower';
    let html =
      '<div class="df-tile df-state-' +
      state +
      '" data-target="' +
      enc(s.key) +
      '" data-role="' +
      role +
      '">' +
      '<div class="df-tile-head"><span class="df-dot df-state-' +
      state +
      '"></span><span class="df-tile-name">' +
      enc(s.key) +
      '</span>' +
      '<span class="df-role df-role-' +
      role +
      '">' +
      enc(t('monitoring.zookeeper.role.' + role)) +
      '</span></div>';
    if (s.state !== 'up') {
      if (target && target.since) html += kv(t('monitoring.kafka.common.down_since'), F.ago(target.since), 'crit');
      if (target && target.lastError) html += '<div class="df-hint">' + enc(String(target.lastError)) + '</div>';
      return html + '</div>';
    }
    html +=
      kv(t('monitoring.zookeeper.latency'), fmt(s.avgLatency, F.ms) + ' · ' + t('monitoring.zookeeper.max') + ' ' + fmt(s.maxLatency, F.ms), latencyState) +
      kv(t('monitoring.zookeeper.outstanding'), fmt(s.outstanding, F.count)) +
      kv(t('monitoring.zookeeper.connections'), fmt(s.connections, F.count)) +
      kv(t('monitoring.zookeeper.znodes'), fmt(s.znodes, F.count) + ' · ' + t('monitoring.zookeeper.watches') + ' ' + fmt(s.watches, F.count)) +
      kv(t('monitoring.zookeeper.fds'), fmt(s.openFds, F.count) + ' / ' + fmt(s.maxFds, F.count)) +
      bar(fdRatio, fdState) +
      kv(t('monitoring.zookeeper.heap'), fmt(s.heapUsed, F.bytes) + ' / ' + fmt(s.heapMax, F.bytes)) +
      bar(heapRatio, heapState) +
      kv(t('monitoring.zookeeper.dirs'), fmt(s.dataDirSize, F.bytes) + ' · ' + fmt(s.logDirSize, F.bytes), unpurged ? 'warn' : undefined);
    if (unpurged && s.dirGrowthUnpurged !== undefined)
      html += '<div class="df-hint df-text-warn df-unpurged">' + enc(t('monitoring.zookeeper.unpurged', [F.bytes(s.dirGrowthUnpurged)])) + '</div>';
    if (target && target.rejected > 0) html += ns().Layout.rejectedLine(target);
    return html + '</div>';
  }

  /**
   * The ensemble drawn: the leader on top linked to every follower (solid green when the follower is
   * up, dashed red when down); without a leader the servers stand in one row, unlinked.
   */
  function ensemble(servers: DfZkServer[], quorum: DfLight): string {
    const S = ns().Styles.stateColors;
    const W = 300;
    const H = 170;
    const color = (s: DfZkServer) => (s.state === 'up' ? S.ok : s.state === 'down' ? S.crit : S.unknown);
    const leader = servers.filter((s) => s.leader)[0];
    const others = servers.filter((s) => s !== leader);
    const row = (list: DfZkServer[], y: number) => list.map((s, i) => ({ s: s, x: Math.round(((i + 0.5) * W) / Math.max(1, list.length)), y: y }));
    const nodes = leader ? [{ s: leader, x: W / 2, y: 42 }].concat(row(others, 122)) : row(servers, 82);
    let svg = '';
    if (leader) {
      nodes.slice(1).forEach((n) => {
        const up = n.s.state === 'up';
        svg +=
          '<line x1="' +
          W / 2 +
          '" y1="42" x2="' +
          n.x +
          '" y2="' +
          n.y +
          '" stroke="' +
          (up ? S.ok : S.crit) +
          '" stroke-width="2"' +
          (up ? '' : ' stroke-dasharray="5 4"') +
          ' opacity="0.7"/>';
      });
    }
    nodes.forEach((n) => {
      const isLeader = n.s === leader;
      svg +=
        '<g data-node="' +
        enc(n.s.key) +
        '">' +
        (isLeader ? '<circle cx="' + n.x + '" cy="' + n.y + '" r="21" fill="none" stroke="' + color(n.s) + '" stroke-width="2" opacity="0.35"/>' : '') +
        '<circle cx="' +
        n.x +
        '" cy="' +
        n.y +
        '" r="15" fill="' +
        color(n.s) +
        '"/>' +
        '<text x="' +
        n.x +
        '" y="' +
        (n.y + 4) +
        '" text-anchor="middle" font-size="10" font-weight="700" fill="#fff">' +
        enc(isLeader ? 'L' : n.s.state === 'up' ? 'F' : '×') +
        '</text>' +
        '<text x="' +
        n.x +
        '" y="' +
        (n.y + (isLeader ? 36 : 31)) +
        '" text-anchor="middle" font-size="11" fill="#2c3542">' +
        enc(n.s.key) +
        '</text>' +
        '</g>';
    });
    return (
      '<div class="df-tile df-ensemble df-state-' +
      quorum.state +
      '">' +
      '<div class="df-tile-head"><span class="df-dot df-state-' +
      quorum.state +
      '"></span><span class="df-tile-name">' +
      enc(quorum.label) +
      '</span>' +
      '<span class="df-role">' +
      enc(quorum.value) +
      '</span></div>' +
      '<svg width="100%" height="' +
      H +
      '" viewBox="0 0 ' +
      W +
      ' ' +
      H +
      '" preserveAspectRatio="xMidYMid meet">' +
      svg +
      '</svg></div>'
    );
  }

  function perServer(metric: string, titleKey: string, unit: string, threshold?: DfThresholdSpec): DfChartSpec {
    return { title: t(titleKey), unit: unit, series: [{ metric: metric, kind: ZK, split: 'target' }], threshold: threshold };
  }

  Ext.define('Flamingo2.view.monitoring.zookeeper.ZooKeeper', {
    extend: 'Flamingo2.view.monitoring.common.Section',
    alias: 'widget.dfZooKeeper',
    requires: [
      'Flamingo2.view.monitoring.common.HealthStrip',
      'Flamingo2.view.monitoring.common.Layout',
      'Flamingo2.view.monitoring.common.LiveBar',
      'Flamingo2.view.monitoring.zookeeper.ZooKeeperController',
      'Flamingo2.view.monitoring.zookeeper.ZooKeeperHealth',
      'Flamingo2.view.monitoring.common.EventTimeline',
    ],

    controller: 'zooKeeperController',
    cls: 'df-root',

    initComponent: function (this: DfSectionImpl) {
      const M = ns().Metrics;
      const L = ns().Layout;
      const th = ns().Thresholds;
      const chart = (spec: DfChartSpec) => ({ xtype: 'dfchart', spec: spec });
      Ext.apply(this, {
        title: enc(t('monitoring.zookeeper.title')),
        header: { items: [{ xtype: 'dflivebar', listeners: { rangechange: 'onRangeChange', timemachine: 'onTimeMachine', csvexport: 'onCsvExport' } }] },
        items: [
          { xtype: 'dfhealthstrip', itemId: 'lights', margin: '0 0 10 0' },
          { xtype: 'component', itemId: 'tiles', margin: '0 0 10 0', html: '<div class="df-tiles"></div>' },
          L.row(
            [
              chart(
                perServer(M.ZK_AVG_LATENCY, 'monitoring.zookeeper.chart.latency', 'ms', {
                  label: (v: number) => t('monitoring.zookeeper.chart.latency.threshold', [v]),
                  value: th.zkLatencyMs,
                  rule: 'zk-latency',
                }),
              ),
              chart(perServer(M.ZK_OUTSTANDING, 'monitoring.zookeeper.chart.outstanding', 'count')),
              chart(perServer(M.ZK_CONNECTIONS, 'monitoring.zookeeper.chart.connections', 'count')),
            ],
            250,
          ),
          L.row(
            [
              chart(perServer(M.ZK_ZNODES, 'monitoring.zookeeper.chart.znodes', 'count')),
              chart(perServer(M.ZK_WATCHES, 'monitoring.zookeeper.chart.watches', 'count')),
              chart(perServer(M.ZK_OPEN_FDS, 'monitoring.zookeeper.chart.fds', 'count')),
            ],
            250,
          ),
          // the ensemble's events (leader changes, servers down/up, ZooKeeper alerts); clicks open the time machine
          { xtype: 'dfeventtimeline', itemId: 'events', eventScope: 'zookeeper', height: 560, frame: false, title: enc(t('monitoring.zookeeper.events')) },
        ],
      });
      this.callParent(arguments);
    },

    renderState: function (this: DfSectionImpl, state: DfLiveState) {
      const H = Flamingo2.view.monitoring.zookeeper.ZooKeeperHealth;
      const strip = this.down<DfHealthStrip>('#lights');
      if (strip) strip.setLights(H.lights(state));
      const tiles = this.down('#tiles');
      if (!tiles) return;
      const servers = H.servers(state);
      const html =
        '<div class="df-tiles">' +
        (servers.length
          ? ensemble(servers, H.quorum(servers)) + servers.map((s) => tile(s, state.target(s.key), state.cluster)).join('')
          : '<div class="df-hint">' + enc(t('monitoring.zookeeper.no_servers')) + '</div>') +
        '</div>';
      ns().Layout.setHtml(tiles, html);
    },
  });
})();
