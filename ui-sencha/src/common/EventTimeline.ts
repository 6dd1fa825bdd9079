/**
 * Event timeline (xtype `dfeventtimeline`): what happened in the cluster and when — alerts fired and
 * resolved, targets down/up, controller and leader changes, ISR and partition changes, consumer
 * group changes, failing jobs — on a zoomable time axis (dfeventchart) above a list.
 * Range buttons (1 h / 6 h / 24 h / 7 d), click-drag or Ctrl+wheel zoom, reset; filters by
 * severity, kind and subject. New events arrive over the page's shared socket. Clicking an event
 * (point or row) switches the Kafka panel to the related tab and fires Ext.GlobalEvents
 * `dftimemachine` {cluster, at, windowMs, tab, metric}. Subjects and messages are cluster data:
 * rendered as text only.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);
  const TIME_MACHINE_WINDOW_MS = 30 * 60e3;
  const SLIDE_EVERY_MS = 30000;
  const RANGES: Array<[string, number]> = [
    ['monitoring.kafka.common.range.1h', 3600e3],
    ['monitoring.kafka.common.range.6h', 6 * 3600e3],
    ['monitoring.kafka.common.range.24h', 24 * 3600e3],
    ['monitoring.kafka.common.range.7d', 7 * 86400e3],
  ];
  const DEFAULT_RANGE_MS = 24 * 3600e3;

  interface Row {
    key: string;
    ts: number;
    severity: string;
    kind: string;
    subject: string;
    message: string;
    ev: DfEvent;
  }

  interface TimelineImpl extends DfEventTimeline {
    started: boolean;
    loadSeq: number;
    targetKinds: Record<string, DfTargetKind>;
    unsubscribeEvents: (() => void) | null;
    slideTimer: number | null;
    renderTimer: number | null;
    start(): void;
    follow(cluster: string): void;
    kindOf(key: string): DfTargetKind | undefined;
    inScope(e: DfEvent): boolean;
    timeWindow(): { min: number; max: number };
    renderEvents(): void;
    scheduleRender(): void;
    readFilter(): void;
    showError(text: string | null): void;
  }

  Ext.define('Flamingo2.view.monitoring.common.EventTimeline', {
    extend: 'Ext.panel.Panel',
    alias: 'widget.dfeventtimeline',
    requires: [
      'Ext.grid.Panel',
      'Ext.data.Store',
      'Ext.button.Segmented',
      'Ext.form.field.ComboBox',
      'Ext.form.field.Text',
      'Flamingo2.view.monitoring.common.EventTimelineChart',
      'Flamingo2.view.monitoring.common.EventTimelineHost',
      'Flamingo2.view.monitoring.common.EventTimelineLayout',
      'Flamingo2.view.monitoring.common.EventTimelineModel',
      'Flamingo2.view.monitoring.common.EventTimelineStyles',
      'Flamingo2.view.monitoring.common.LiveClient',
      'Flamingo2.view.monitoring.common.Sidecar',
      'Flamingo2.view.monitoring.common.Styles',
      'Flamingo2.view.monitoring.common.Texts',
    ],

    eventScope: 'all',
    border: false,
    cls: 'df-evpanel',
    bodyPadding: 10,
    layout: { type: 'vbox', align: 'stretch' },

    initComponent: function (this: TimelineImpl) {
      ns().Styles.ensure();
      ns().EventTimelineStyles.ensure();
      this.cluster = '';
      this.dfEvents = [];
      this.dfFilter = { severities: [], kinds: [], subject: '' };
      this.rangeMs = DEFAULT_RANGE_MS;
      this.zoom = null;
      this.started = false;
      this.loadSeq = 0;
      this.targetKinds = {};
      this.unsubscribeEvents = null;
      this.slideTimer = null;
      this.renderTimer = null;
      const self = this as unknown as { title?: string };
      if (self.title === undefined) self.title = enc(t('monitoring.kafka.common.events.title'));
      const actions: DfEventTimelineActions = {
        setRange: (ms) => this.setRange(ms),
        resetZoom: () => this.resetZoom(),
        readFilter: () => this.readFilter(),
        openEvent: (e) => this.openEvent(e),
      };
      Ext.apply(this, {
        dockedItems: [
          {
            xtype: 'toolbar',
            dock: 'top',
            itemId: 'tools',
            items: ns().EventTimelineLayout.tools(actions, RANGES, DEFAULT_RANGE_MS),
          },
        ],
        items: [
          {
            xtype: 'dfeventchart',
            itemId: 'chart',
            height: this.eventScope === 'zookeeper' ? 230 : 260,
            margin: '0 0 10 0',
            listeners: {
              zoom: (min: number, max: number) => this.setZoom(min, max),
              eventclick: (e: DfEvent) => this.openEvent(e),
            },
          },
          ns().EventTimelineLayout.list(actions),
        ],
        listeners: {
          afterrender: () => {
            if (this.isVisible(true)) this.start();
          },
          activate: () => this.start(),
        },
      });
      this.callParent(arguments);
    },

    onDestroy: function (this: TimelineImpl) {
      if (this.unsubscribeEvents) this.unsubscribeEvents();
      this.unsubscribeEvents = null;
      if (this.slideTimer !== null) window.clearInterval(this.slideTimer);
      if (this.renderTimer !== null) window.clearTimeout(this.renderTimer);
      this.callParent(arguments);
    },

    /** First time shown: find the cluster, follow its events, load. */
    start: function (this: TimelineImpl) {
      if (this.started) return;
      this.started = true;
      ns().EventTimelineHost.onEngineChanged(this, (cluster) => this.follow(cluster));
      this.slideTimer = window.setInterval(() => {
        if (!this.zoom && this.isVisible(true)) this.renderEvents();
      }, SLIDE_EVERY_MS);
      ns()
        .EventTimelineHost.cluster(this)
        .then((cluster) => this.follow(cluster))
        .catch((err: Error) => this.showError(t('monitoring.kafka.common.load_failed', [err.message])));
    },

    follow: function (this: TimelineImpl, cluster: string) {
      if (this.isDestroyed) return;
      if (this.unsubscribeEvents) this.unsubscribeEvents();
      this.cluster = cluster;
      this.unsubscribeEvents = ns()
        .LiveClient.shared()
        .onEvent(cluster, (e) => this.addLive(e));
      this.reload();
    },

    kindOf: function (this: TimelineImpl, key: string): DfTargetKind | undefined {
      return this.targetKinds[key];
    },

    inScope: function (this: TimelineImpl, e: DfEvent): boolean {
      return this.eventScope !== 'zookeeper' || ns().EventTimelineModel.isZooKeeper(e, (k) => this.kindOf(k));
    },

    reload: function (this: TimelineImpl): Promise<void> {
      if (!this.cluster) return Promise.resolve();
      const C = ns();
      const seq = ++this.loadSeq;
      const now = Date.now();
      const path = '/clusters/' + encodeURIComponent(this.cluster);
      if (this.rendered) this.setLoading(t('monitoring.kafka.common.loading'));
      const targets = C.Sidecar.get<DfTarget[]>(path + '/targets').catch(() => [] as DfTarget[]);
      const events = C.Sidecar.get<DfEvent[]>(path + '/events', C.EventTimelineModel.query(this.dfFilter, now - this.rangeMs, now));
      return Promise.all([targets, events]).then(
        (res) => {
          if (seq !== this.loadSeq || this.isDestroyed) return;
          this.setLoading(false);
          this.targetKinds = {};
          (res[0] || []).forEach((tg) => {
            this.targetKinds[tg.key] = tg.kind;
          });
          const seen: Record<string, boolean> = {};
          // live events that came while loading stay
          this.dfEvents = this.dfEvents.concat(Array.isArray(res[1]) ? res[1] : []).filter((e) => {
            const key = C.EventTimelineModel.eventKey(e);
            if (seen[key] || e.ts < now - this.rangeMs || !this.inScope(e) || !C.EventTimelineModel.matches(e, this.dfFilter)) return false;
            seen[key] = true;
            return true;
          });
          this.showError(null);
          this.renderEvents();
        },
        (err: Error) => {
          if (seq !== this.loadSeq || this.isDestroyed) return;
          this.setLoading(false);
          this.showError(t('monitoring.kafka.common.load_failed', [err.message]));
        },
      );
    },

    addLive: function (this: TimelineImpl, e: DfEvent) {
      const M = ns().EventTimelineModel;
      if (!e || typeof e.ts !== 'number' || typeof e.kind !== 'string') return;
      const key = M.eventKey(e);
      if (this.dfEvents.some((x) => M.eventKey(x) === key)) return;
      if (!this.inScope(e) || !M.matches(e, this.dfFilter)) return;
      this.dfEvents.unshift(e);
      this.scheduleRender();
    },

    scheduleRender: function (this: TimelineImpl) {
      if (this.renderTimer !== null) return;
      this.renderTimer = window.setTimeout(() => {
        this.renderTimer = null;
        if (!this.isDestroyed) this.renderEvents();
      }, 300);
    },

    timeWindow: function (this: TimelineImpl): { min: number; max: number } {
      if (this.zoom) return this.zoom;
      const now = Date.now();
      return { min: now - this.rangeMs, max: now };
    },

    visibleEvents: function (this: TimelineImpl): DfEvent[] {
      const w = this.timeWindow();
      return this.dfEvents.filter((e) => e.ts >= w.min && e.ts <= w.max).sort((a, b) => b.ts - a.ts);
    },

    renderEvents: function (this: TimelineImpl) {
      const w = this.timeWindow();
      const shown = this.visibleEvents();
      const chart = this.down<DfEventChart>('#chart');
      if (chart) chart.setEvents(this.dfEvents, w.min, w.max);
      const grid = this.down<Ext.GridPanel<Row>>('#grid');
      if (grid) {
        const rows: Row[] = shown.map((e) => ({
          key: ns().EventTimelineModel.eventKey(e),
          ts: e.ts,
          severity: e.severity,
          kind: e.kind,
          subject: e.subject,
          message: e.message,
          ev: e,
        }));
        grid.getStore().loadData(rows);
      }
      const reset = this.down<Ext.Button>('#resetZoom');
      if (reset) (reset as unknown as { setDisabled(d: boolean): void }).setDisabled(!this.zoom);
      const status = this.down('#status');
      if (status) status.update(enc(t('monitoring.kafka.common.events.count', [shown.length])));
    },

    setRange: function (this: TimelineImpl, ms: number) {
      this.rangeMs = ms;
      this.zoom = null;
      this.dfEvents = [];
      this.reload();
    },

    setZoom: function (this: TimelineImpl, min: number, max: number) {
      const now = Date.now();
      const lo = Math.max(now - this.rangeMs, Math.min(min, max));
      const hi = Math.min(now, Math.max(min, max));
      if (hi - lo < 10000) return;
      this.zoom = hi - lo >= this.rangeMs - 1000 ? null : { min: lo, max: hi };
      this.renderEvents();
    },

    resetZoom: function (this: TimelineImpl) {
      this.zoom = null;
      this.renderEvents();
    },

    readFilter: function (this: TimelineImpl) {
      const sev = this.down<Ext.Container>('#severity');
      const pressed = sev
        ? sev
            .query<Ext.Button & { severity: string; pressed: boolean }>('button')
            .filter((b) => b.pressed)
            .map((b) => b.severity)
        : [];
      const all = ns().EventTimelineModel.severities();
      const kind = this.down<Ext.form.field.ComboBox>('#kind');
      const kinds = kind ? kind.getValue() : [];
      const subject = this.down<Ext.form.field.ComboBox>('#subject');
      this.dfFilter = {
        // none pressed reads as all: an empty timeline is never what the user wants
        severities: pressed.length === all.length ? [] : pressed,
        kinds: Array.isArray(kinds) ? (kinds as string[]) : kinds ? [String(kinds)] : [],
        subject: subject ? String(subject.getValue() || '') : '',
      };
      this.dfEvents = [];
      this.reload();
    },

    openEvent: function (this: TimelineImpl, e: DfEvent) {
      if (!e) return;
      const rel = ns().EventTimelineModel.related(e, (k) => this.kindOf(k));
      if (rel.kafkaTab && rel.tab) ns().EventTimelineHost.showTab(this, rel.tab);
      ns().EventTimelineHost.timeMachine({ cluster: this.cluster, at: e.ts, windowMs: TIME_MACHINE_WINDOW_MS, tab: rel.tab, metric: rel.metric });
    },

    showError: function (this: TimelineImpl, text: string | null) {
      const status = this.down('#status');
      if (status && text) status.update('<span class="df-text-crit">' + enc(text) + '</span>');
    },
  });
})();
