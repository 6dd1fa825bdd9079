/**
 * Alert rules (xtype `dfalertrules`): every rule of the cluster, grouped Kafka / ZooKeeper / general,
 * in an editable grid — condition (custom rules), threshold, for-duration, severity, enabled — with
 * the rule's state (firing / pending / ok, from GET /alerts), a "modified" marker with reset to the
 * default (built-in rules) or delete (custom rules), and a form to add a per-target rule.
 * Writes go through AlertRulesApi (admin token asked once, kept in memory). A refused value shows the
 * API's own error message. Names, metrics and targets are rendered as text.
 * The grid's rows and columns are AlertRulesColumns', its edit and commit handling AlertRulesEditing's.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);
  const STATE_EVERY_MS = 15000;

  interface RulesImpl extends DfAlertRulesPanel {
    rules: DfRule[];
    started: boolean;
    loadSeq: number;
    stateTimer: number | null;
    start(): void;
    renderRules(): void;
    toRow(rule: DfRule): DfAlertRuleRow;
    openForm(): void;
  }

  Ext.define('Flamingo2.view.monitoring.common.AlertRules', {
    extend: 'Ext.panel.Panel',
    alias: 'widget.dfalertrules',
    requires: [
      'Ext.grid.Panel',
      'Ext.grid.feature.Grouping',
      'Ext.grid.plugin.CellEditing',
      'Ext.data.Store',
      'Ext.form.field.ComboBox',
      'Ext.form.field.Text',
      'Flamingo2.view.monitoring.common.AlertRulesApi',
      'Flamingo2.view.monitoring.common.RuleThresholds',
      'Flamingo2.view.monitoring.common.AlertRulesColumns',
      'Flamingo2.view.monitoring.common.AlertRulesEditing',
      'Flamingo2.view.monitoring.common.AlertRulesForm',
      'Flamingo2.view.monitoring.common.AlertRulesModel',
      'Flamingo2.view.monitoring.common.EventTimelineHost',
      'Flamingo2.view.monitoring.common.EventTimelineModel',
      'Flamingo2.view.monitoring.common.EventTimelineStyles',
      'Flamingo2.view.monitoring.common.Sidecar',
      'Flamingo2.view.monitoring.common.Styles',
      'Flamingo2.view.monitoring.common.Texts',
    ],

    border: false,
    cls: 'df-evpanel',
    bodyPadding: 10,
    layout: { type: 'vbox', align: 'stretch' },

    initComponent: function (this: RulesImpl) {
      const R = ns().AlertRulesModel;
      const E = ns().AlertRulesEditing;
      ns().Styles.ensure();
      ns().EventTimelineStyles.ensure();
      this.cluster = '';
      this.rules = [];
      this.ruleStates = {};
      this.started = false;
      this.loadSeq = 0;
      this.stateTimer = null;
      const self = this as unknown as { title?: string };
      if (self.title === undefined) self.title = enc(t('monitoring.kafka.common.rules.title'));
      Ext.apply(this, {
        dockedItems: [
          {
            xtype: 'toolbar',
            dock: 'top',
            items: [
              { xtype: 'button', itemId: 'add', text: enc(t('monitoring.kafka.common.rules.add')), handler: () => this.openForm() },
              { xtype: 'button', itemId: 'refresh', text: enc(t('monitoring.kafka.common.rules.refresh')), handler: () => this.reload() },
              { xtype: 'component', cls: 'df-tbar-label', html: enc(t('monitoring.kafka.common.rules.hint')), margin: '0 0 0 10' },
              '->',
              { xtype: 'component', itemId: 'tokenState', cls: 'df-tbar-label', html: '' },
              {
                xtype: 'button',
                itemId: 'forget',
                hidden: true,
                text: enc(t('monitoring.kafka.common.rules.token.forget')),
                handler: () => {
                  ns().AlertRulesApi.forgetToken();
                  this.updateTokenState();
                },
              },
            ],
          },
        ],
        items: [
          { xtype: 'component', itemId: 'banner', hidden: true, html: '' },
          {
            xtype: 'grid',
            itemId: 'grid',
            cls: 'df-grid df-rules',
            flex: 1,
            emptyText: enc(t('monitoring.kafka.common.rules.empty')),
            viewConfig: { deferEmptyText: false, markDirty: false },
            features: [
              {
                ftype: 'grouping',
                collapsible: false,
                groupHeaderTpl: ['{name:this.label} ({rows.length})', { label: (key: string) => enc(R.groupLabel(String(key))) }],
              },
            ],
            plugins: [E.cellEditing(this)],
            store: Ext.create('Ext.data.Store', {
              fields: ns().AlertRulesColumns.fields.slice(),
              groupField: 'group',
              data: [],
            }),
            columns: ns().AlertRulesColumns.columns(this),
            listeners: {
              cellclick: (_view: unknown, _td: unknown, _ci: number, rec: DfAlertRuleRecord, _tr: unknown, _ri: number, e: Ext.EventObject) =>
                E.cellClick(this, rec, e),
            },
          },
        ],
        listeners: {
          afterrender: () => {
            if (this.isVisible(true)) this.start();
          },
          activate: () => {
            this.start();
            this.loadStates();
          },
        },
      });
      this.callParent(arguments);
    },

    onDestroy: function (this: RulesImpl) {
      if (this.stateTimer !== null) window.clearInterval(this.stateTimer);
      this.callParent(arguments);
    },

    start: function (this: RulesImpl) {
      if (this.started) return;
      this.started = true;
      this.updateTokenState();
      ns().EventTimelineHost.onEngineChanged(this, (cluster) => {
        this.cluster = cluster;
        this.reload();
      });
      this.stateTimer = window.setInterval(() => {
        if (this.isVisible(true)) this.loadStates();
      }, STATE_EVERY_MS);
      ns()
        .EventTimelineHost.cluster(this)
        .then((cluster) => {
          this.cluster = cluster;
          return this.reload();
        })
        .catch((err: Error) => this.banner('error', t('monitoring.kafka.common.load_failed', [err.message])));
    },

    reload: function (this: RulesImpl): Promise<void> {
      if (!this.cluster) return Promise.resolve();
      const seq = ++this.loadSeq;
      if (this.rendered) this.setLoading(t('monitoring.kafka.common.loading'));
      return Promise.all([ns().Sidecar.get<DfRule[]>(ns().AlertRulesEditing.rulePath(this.cluster)), this.loadStates()]).then(
        (res) => {
          if (seq !== this.loadSeq || this.isDestroyed) return;
          this.setLoading(false);
          this.rules = Array.isArray(res[0]) ? res[0] : [];
          // the panels' thresholds follow what this grid shows
          ns().RuleThresholds.set(this.cluster, this.rules);
          this.renderRules();
        },
        (err: Error) => {
          if (seq !== this.loadSeq || this.isDestroyed) return;
          this.setLoading(false);
          this.banner('error', t('monitoring.kafka.common.load_failed', [err.message]));
        },
      );
    },

    loadStates: function (this: RulesImpl): Promise<void> {
      if (!this.cluster) return Promise.resolve();
      return ns()
        .Sidecar.get<DfAlert[]>('/clusters/' + encodeURIComponent(this.cluster) + '/alerts')
        .then(
          (alerts) => {
            if (this.isDestroyed) return;
            this.ruleStates = ns().AlertRulesModel.states(Array.isArray(alerts) ? alerts : []);
            const grid = this.down<Ext.GridPanel<DfAlertRuleRow>>('#grid');
            const editing = grid ? (grid as unknown as { findPlugin(p: string): { editing?: boolean } | null }).findPlugin('cellediting') : null;
            // not while a cell is being edited: a refresh would drop the editor
            if (grid && grid.rendered && !(editing && editing.editing)) grid.getView().refresh();
          },
          () => undefined,
        );
    },

    toRow: function (this: RulesImpl, rule: DfRule): DfAlertRuleRow {
      return ns().AlertRulesColumns.toRow(rule);
    },

    renderRules: function (this: RulesImpl) {
      const grid = this.down<Ext.GridPanel<DfAlertRuleRow>>('#grid');
      if (grid) grid.getStore().loadData(this.rules.map((r) => this.toRow(r)));
    },

    /** Replaces one rule (as the API returned it) in place. */
    applyRule: function (this: RulesImpl, rule: DfRule) {
      // saved, reset or added: threshold lines, badges and lights of the open panels follow at once
      ns().RuleThresholds.put(this.cluster, rule);
      const i = this.rules.map((r) => r.id).indexOf(rule.id);
      if (i >= 0) this.rules[i] = rule;
      else this.rules.push(rule);
      const grid = this.down<Ext.GridPanel<DfAlertRuleRow>>('#grid');
      if (!grid) return;
      const store = grid.getStore();
      const at = store.findExact('id', rule.id);
      const rec = at >= 0 ? store.getAt(at) : undefined;
      if (rec) {
        rec.set(this.toRow(rule) as unknown as Partial<DfAlertRuleRow>);
        rec.commit();
      } else {
        store.add([this.toRow(rule)]);
      }
    },

    save: function (this: RulesImpl, rec: DfAlertRuleRecord, patch: Record<string, unknown>) {
      ns().AlertRulesEditing.save(this, rec, patch);
    },

    reset: function (this: RulesImpl, rule: DfRule) {
      ns().AlertRulesEditing.reset(this, rule);
    },

    deleteRule: function (this: RulesImpl, rule: DfRule) {
      ns().AlertRulesEditing.deleteRule(this, rule);
    },

    openForm: function (this: RulesImpl) {
      if (!this.cluster) return;
      const win = Ext.create<Ext.Component>('Flamingo2.view.monitoring.common.AlertRulesForm', { cluster: this.cluster });
      win.on('created', (rule: DfRule) => {
        this.updateTokenState();
        this.applyRule(rule);
        this.banner('ok', t('monitoring.kafka.common.rules.added', [ns().AlertRulesModel.name(rule)]));
      });
      win.on('tokenchange', () => this.updateTokenState());
      win.show();
    },

    banner: function (this: RulesImpl, kind: 'ok' | 'error' | 'info' | null, text?: string) {
      const el = this.down('#banner');
      if (!el) return;
      if (!kind || !text) {
        el.hide();
        return;
      }
      el.update('<div class="df-banner df-banner-' + kind + '" data-kind="' + kind + '">' + enc(text) + '</div>');
      el.show();
    },

    updateTokenState: function (this: RulesImpl) {
      const held = ns().AlertRulesApi.hasToken();
      const label = this.down('#tokenState');
      if (label) label.update(held ? '<span class="df-dot df-state-ok"></span>' + enc(t('monitoring.kafka.common.rules.token.held')) : '');
      const forget = this.down('#forget');
      if (forget) forget.setVisible(held);
    },
  });
})();
