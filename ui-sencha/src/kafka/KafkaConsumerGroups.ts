/**
 * Kafka › Consumer groups: every group seen through the Kafka protocol (state, members, lag as a
 * coloured bar, lag trend), the selected group's lag per partition over time and as a table, and
 * the consumers' fetch / commit / consume rates. Group ids, client ids and topic names come from
 * the cluster: they are rendered as text only (htmlEncode), never as HTML.
 * Time machine (history context with from/to): the groups as of the scrubber's instant
 * (GET consumer-groups?at=, asked again whenever the snapshot it renders moves), named above the grid.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);
  const REFRESH_MS = 10000;
  /** A cell without a sample (no members / offset reading yet). */
  const NO_VALUE = '–';
  const AT_STYLE = 'font:600 12px/22px Arial,"Noto Sans CJK KR",sans-serif;color:#7a4d00;background:#fff6dc;border-left:3px solid #e8a317;padding:0 8px;';

  interface GroupRow {
    group: string;
    state: string;
    status: string;
    /** null: no members sample for the group. */
    members: number | null;
    totalLag: number;
    topics: string;
    trend: number[];
  }

  interface PartitionRow {
    id: string;
    topic: string;
    partition: number;
    /** null: no committed / log-end offset sample for the partition. */
    committed: number | null;
    logEnd: number | null;
    lag: number;
    status: string;
  }

  /** Burrow status as a light + its name; `worst` says why a group is WARN/ERR (e.g. "ERR · STOP"). */
  function statusCell(status: string | null, worst?: string | null): string {
    if (!status) return '–';
    const state: DfState = status === 'OK' ? 'ok' : status === 'WARN' ? 'warn' : 'crit';
    const why = worst && worst !== 'OK' && worst !== status ? ' · ' + worst : '';
    return '<span class="df-dot df-state-' + state + '"></span>' + enc(status + why);
  }

  interface GroupsImpl extends DfSectionImpl {
    groups: DfConsumerGroup[];
    selected: string | null;
    lastCtx: DfHistoryContext | null;
    fetchedAt: number;
    fetching: boolean;
    fetchSeq: number;
    /** The instant asked last (null: the latest groups). */
    wantAt: number | null;
    fetchGroups(cluster: string, at: number | null): Promise<void>;
    /** Not `showAt`: that is Ext.Component#showAt(x, y). */
    showAsOf(at: number | null, error?: string): void;
    selectGroup(group: string | null): void;
    renderGroups(): void;
    /** The lag limit the grid was drawn with. */
    limit: DfLimit;
  }

  /**
   * Where a group's lag is too much: the consumer-lag rule (kafka.consumer_group.total_lag, the group's lag summed
   * over its partitions = the grid's lag), else Thresholds.maxLag. Partition bars use it too: a partition over the
   * group's limit is reason enough for the group's alert. Rules are current settings, also for the time machine's groups.
   */
  function lagLimit(cluster: string): DfLimit {
    return ns().Thresholds.limitFor(cluster, 'consumer-lag', ns().Thresholds.maxLag, 'above', 'warn');
  }

  function groupState(g: { state: string; totalLag: number }, limit: DfLimit): DfState {
    const s = (g.state || '').toLowerCase();
    if (s === 'dead' || s === 'empty') return 'crit';
    if (s !== 'stable') return 'warn';
    const lag = ns().Thresholds.judge(limit, g.totalLag);
    return lag === 'unknown' ? 'ok' : lag;
  }

  function lagBar(v: number, max: number, limit: DfLimit): string {
    const w = max > 0 ? Math.max(2, Math.min(100, (v / max) * 100)) : 0;
    // a disabled rule: grey bars (no judgement)
    const color = ns().Styles.stateColors[ns().Thresholds.judge(limit, v)];
    return (
      '<div class="df-cellbar"><div style="width:' + w.toFixed(1) + '%;background:' + color + '"></div><span>' + enc(ns().Format.count(v)) + '</span></div>'
    );
  }

  Ext.define('Flamingo2.view.monitoring.kafka.KafkaConsumerGroups', {
    extend: 'Flamingo2.view.monitoring.common.Section',
    alias: 'widget.dfKafkaConsumerGroups',
    requires: [
      'Ext.grid.Panel',
      'Ext.data.Store',
      'Flamingo2.view.monitoring.common.Layout',
      'Flamingo2.view.monitoring.common.Thresholds',
      'Flamingo2.view.monitoring.common.TimeMachineMath',
      'Flamingo2.view.monitoring.kafka.KafkaCharts',
    ],

    initComponent: function (this: GroupsImpl) {
      const C = Flamingo2.view.monitoring.kafka.KafkaCharts;
      const M = ns().Metrics;
      const L = ns().Layout;
      this.groups = [];
      this.selected = null;
      this.lastCtx = null;
      this.fetchedAt = 0;
      this.fetching = false;
      this.fetchSeq = 0;
      this.wantAt = null;
      this.limit = lagLimit('');
      let maxLag = 0;
      let maxPartitionLag = 0;
      Ext.apply(this, {
        title: t('monitoring.kafka.tab.consumers'),
        items: [
          { xtype: 'component', itemId: 'groupsAt', hidden: true, margin: '0 0 6 0', style: AT_STYLE, html: '' },
          {
            xtype: 'grid',
            itemId: 'groups',
            cls: 'df-grid',
            margin: '0 0 10 0',
            minHeight: 80,
            maxHeight: 300,
            emptyText: enc(t('monitoring.kafka.no_groups')),
            viewConfig: { deferEmptyText: false, markDirty: false },
            store: Ext.create('Ext.data.Store', {
              fields: ['group', 'state', 'status', 'members', 'totalLag', 'topics', 'trend'],
              sorters: [{ property: 'totalLag', direction: 'DESC' }],
              data: [],
            }),
            columns: [
              {
                text: enc(t('monitoring.kafka.group.name')),
                dataIndex: 'group',
                flex: 2,
                renderer: (v: string, _meta: unknown, rec: Ext.data.Model<GroupRow>) =>
                  '<span class="df-dot df-state-' + groupState(rec.getData(), this.limit) + '"></span><span class="df-name">' + enc(v) + '</span>',
              },
              { text: enc(t('monitoring.kafka.group.state')), dataIndex: 'state', width: 110, renderer: (v: string) => enc(v || '–') },
              {
                text: enc(t('monitoring.kafka.group.status')),
                tooltip: enc(t('monitoring.kafka.group.status.hint')),
                dataIndex: 'status',
                width: 120,
                renderer: (v: string) => statusCell(v.split(' ')[0] || null, v.split(' ')[1] || null),
              },
              {
                text: enc(t('monitoring.kafka.group.members')),
                dataIndex: 'members',
                width: 100,
                align: 'right',
                renderer: (v: number | null) => (v === null ? NO_VALUE : enc(String(v))),
              },
              { text: enc(t('monitoring.kafka.group.topics')), dataIndex: 'topics', flex: 1, renderer: (v: string) => enc(v) },
              {
                text: enc(t('monitoring.kafka.group.lag')),
                dataIndex: 'totalLag',
                flex: 1,
                minWidth: 150,
                renderer: (v: number) => lagBar(v, maxLag, this.limit),
              },
              {
                text: enc(t('monitoring.kafka.group.trend')),
                dataIndex: 'trend',
                width: 130,
                sortable: false,
                renderer: (v: number[]) => ns().SeriesMath.sparkline(v || [], 110, 18, '#e0752d'),
              },
            ],
            listeners: {
              selectionchange: (_sm: unknown, selected: Array<Ext.data.Model<GroupRow>>) => {
                const rec = selected[0];
                if (rec) this.selectGroup(rec.get('group'));
              },
            },
          },
          L.row(
            [
              { xtype: 'dfchart', itemId: 'partitionLag', flex: 1, spec: C.partitionLag(null) },
              {
                xtype: 'grid',
                itemId: 'partitions',
                flex: 1,
                cls: 'df-grid',
                disableSelection: true,
                emptyText: enc(t('monitoring.kafka.select_group')),
                viewConfig: { deferEmptyText: false, markDirty: false },
                store: Ext.create('Ext.data.Store', {
                  fields: ['id', 'topic', 'partition', 'committed', 'logEnd', 'lag', 'status'],
                  sorters: [{ property: 'lag', direction: 'DESC' }],
                  data: [],
                }),
                columns: [
                  {
                    text: enc(t('monitoring.kafka.topic.name')),
                    dataIndex: 'topic',
                    flex: 1,
                    minWidth: 100,
                    renderer: (v: string) => '<span class="df-name">' + enc(v) + '</span>',
                  },
                  { text: enc(t('monitoring.kafka.group.partition')), dataIndex: 'partition', width: 95, align: 'right' },
                  {
                    text: enc(t('monitoring.kafka.group.committed')),
                    dataIndex: 'committed',
                    width: 110,
                    align: 'right',
                    renderer: (v: number | null) => (v === null ? NO_VALUE : enc(ns().Format.count(v))),
                  },
                  {
                    text: enc(t('monitoring.kafka.group.log_end')),
                    dataIndex: 'logEnd',
                    width: 100,
                    align: 'right',
                    renderer: (v: number | null) => (v === null ? NO_VALUE : enc(ns().Format.count(v))),
                  },
                  { text: enc(t('monitoring.kafka.group.lag')), dataIndex: 'lag', width: 110, renderer: (v: number) => lagBar(v, maxPartitionLag, this.limit) },
                  { text: enc(t('monitoring.kafka.group.status')), dataIndex: 'status', width: 90, renderer: (v: string) => statusCell(v || null) },
                ],
              },
            ],
            280,
          ),
          L.row(
            [
              { xtype: 'dfchart', itemId: 'groupLag', spec: C.groupLag() },
              { xtype: 'dfchart', spec: C.perClient(M.FETCH_RATE, 'monitoring.kafka.chart.fetch_rate', 'fetches/s') },
              { xtype: 'dfchart', spec: C.perClient(M.COMMIT_RATE, 'monitoring.kafka.chart.commit_rate', 'commits/s') },
            ],
            250,
            true,
          ),
        ],
      });
      this.callParent(arguments);
      this.renderGroups = function (this: GroupsImpl) {
        const grid = this.down<Ext.GridPanel<GroupRow>>('#groups');
        const parts = this.down<Ext.GridPanel<PartitionRow>>('#partitions');
        const trendChart = this.down<DfChartBox>('#groupLag');
        if (!grid || !parts) return;
        const limit = lagLimit(this.lastCtx ? this.lastCtx.cluster : '');
        const limitMoved = JSON.stringify(limit) !== JSON.stringify(this.limit);
        this.limit = limit;
        maxLag = this.groups.reduce((m, g) => Math.max(m, g.totalLag), 0);
        const rows: GroupRow[] = this.groups.map((g) => ({
          group: g.group,
          state: g.state,
          // "<status> <worst partition>" (both kept in one sortable field)
          status: g.status ? g.status + (g.worstPartition ? ' ' + g.worstPartition : '') : '',
          members: g.members,
          totalLag: g.totalLag,
          topics: g.topics
            .map((x) => x.topic)
            .sort()
            .join(', '),
          trend: trendChart ? trendChart.values(g.group) : [],
        }));
        ns().Layout.syncStore(grid.getStore(), rows, 'group');
        const sel = this.groups.filter((g) => g.group === this.selected)[0];
        const prow: PartitionRow[] = [];
        if (sel) {
          sel.topics.forEach((tp) =>
            tp.partitions.forEach((p) =>
              prow.push({
                id: tp.topic + '\u0000' + p.partition,
                topic: tp.topic,
                partition: p.partition,
                committed: p.committed,
                logEnd: p.logEnd,
                lag: p.lag,
                status: p.status || '',
              }),
            ),
          );
        }
        maxPartitionLag = prow.reduce((m, p) => Math.max(m, p.lag), 0);
        ns().Layout.syncStore(parts.getStore(), prow, 'id');
        // rows whose data did not change keep their cells: redraw them when the rule moved
        if (limitMoved) {
          if (grid.rendered) grid.getView().refresh();
          if (parts.rendered) parts.getView().refresh();
        }
        if (this.selected === null && rows.length > 0) {
          // select the group that lags most, so the partition chart shows something useful at once
          const first = grid.getStore().getAt(0);
          if (first) grid.getSelectionModel().select(first);
        }
      };
    },

    loadExtra: function (this: GroupsImpl, ctx: DfHistoryContext): Promise<void> {
      this.lastCtx = ctx;
      // a fixed window = the time machine: the groups as of its scrubber, else the latest
      const past = ctx.to !== undefined ? (ctx.at !== undefined ? ctx.at : ctx.to) : null;
      return this.fetchGroups(ctx.cluster, past);
    },

    /** Loads the groups (as of `at`, or the latest); only the newest request's answer is shown. */
    fetchGroups: function (this: GroupsImpl, cluster: string, at: number | null): Promise<void> {
      const seq = ++this.fetchSeq;
      const when = at === null ? null : Math.round(at);
      this.fetching = true;
      this.fetchedAt = Date.now();
      this.wantAt = when;
      return ns()
        .Sidecar.get<DfConsumerGroup[]>('/clusters/' + encodeURIComponent(cluster) + '/consumer-groups', when === null ? undefined : [['at', when]])
        .then(
          (groups) => {
            if (seq !== this.fetchSeq) return;
            this.fetching = false;
            if (this.isDestroyed) return;
            this.groups = Array.isArray(groups) ? groups : [];
            this.showAsOf(when);
            this.renderGroups();
          },
          (err: Error) => {
            if (seq !== this.fetchSeq) return;
            this.fetching = false;
            if (this.isDestroyed || when === null) return;
            // never leave other data under a past instant's name
            this.groups = [];
            this.showAsOf(when, err.message);
            this.renderGroups();
          },
        );
    },

    /** The line above the grid naming the instant of the groups (hidden for the latest ones). */
    showAsOf: function (this: GroupsImpl, at: number | null, error?: string) {
      const el = this.down<Ext.Component>('#groupsAt');
      if (!el) return;
      if (at === null) return void el.hide();
      const stamp = ns().TimeMachineMath.stamp(at, true);
      el.update(enc(error === undefined ? t('monitoring.kafka.group.at', [stamp]) : t('monitoring.kafka.group.at_failed', [stamp, error])));
      el.show();
      if (el.rendered) el.getEl().dom.setAttribute('data-ts', error === undefined ? String(at) : '');
    },

    selectGroup: function (this: GroupsImpl, group: string | null) {
      if (group === this.selected) return;
      this.selected = group;
      const chart = this.down<DfChartBox>('#partitionLag');
      if (chart) {
        chart.setSpec(Flamingo2.view.monitoring.kafka.KafkaCharts.partitionLag(group));
        if (this.lastCtx) chart.loadHistory(this.lastCtx);
      }
      this.renderGroups();
    },

    renderState: function (this: GroupsImpl, state: DfLiveState) {
      const ctx = this.lastCtx;
      if (ctx && ctx.to !== undefined) {
        // time machine: the state is its snapshot; follow the scrubber's instant
        if (state.ts > 0 && Math.round(state.ts) !== this.wantAt) this.fetchGroups(ctx.cluster, state.ts);
      } else if (ctx && !this.fetching && Date.now() - this.fetchedAt >= REFRESH_MS) {
        this.fetchGroups(ctx.cluster, null);
      }
      this.renderGroups();
    },
  });
})();
