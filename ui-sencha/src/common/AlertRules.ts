/**
 * Alert rules (xtype `dfalertrules`): every rule of the cluster, grouped Kafka / ZooKeeper / general,
 * in an editable grid — condition (custom rules), threshold, for-duration, severity, enabled — with
 * the rule's state (firing / pending / ok, from GET /alerts), a "modified" marker with reset to the
 * default (built-in rules) or delete (custom rules), and a form to add a per-target rule.
 * Writes go through AlertRulesApi (admin token asked once, kept in memory). A refused value shows the
 * API's own error message. Names, metrics and targets are rendered as text.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);
  const STATE_EVERY_MS = 15000;

  interface Row {
    id: string;
    group: string;
    name: string;
    metric: string;
    scope: string;
    op: string;
    threshold: number | string;
    forText: string;
    severity: string;
    enabled: boolean;
    modified: boolean;
    origin: string;
    rule: DfRule;
  }

  interface EditContext {
    record: Ext.data.Model<Row> & { reject(): void };
    field: keyof Row;
    value: unknown;
    originalValue: unknown;
    cancel?: boolean;
  }

  interface RulesImpl extends Ext.Panel {
    cluster: string;
    rules: DfRule[];
    ruleStates: Record<string, DfRuleState>;
    started: boolean;
    loadSeq: number;
    stateTimer: number | null;
    start(): void;
    reload(): Promise<void>;
    loadStates(): Promise<void>;
    renderRules(): void;
    toRow(rule: DfRule): Row;
    save(rec: Ext.data.Model<Row> & { reject(): void }, patch: Record<string, unknown>): void;
    reset(rule: DfRule): void;
    remove(rule: DfRule): void;
    applyRule(rule: DfRule): void;
    banner(kind: 'ok' | 'error' | 'info' | null, text?: string): void;
    updateTokenState(): void;
    openForm(): void;
  }

  function severityCell(sev: string): string {
    const M = ns().EventTimelineModel;
    return '<span class="df-sev df-sev-' + enc(sev) + '"><span class="df-dot" style="background:' + M.severityColor(sev) + '"></span>' + enc(M.severityLabel(sev)) + '</span>';
  }

  function editable(text: string): string {
    return '<span class="df-rule-edit">' + enc(text) + '</span>';
  }

  function rulePath(cluster: string, id?: string): string {
    return '/clusters/' + encodeURIComponent(cluster) + '/rules' + (id ? '/' + encodeURIComponent(id) : '');
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
      const combo = (values: string[], label: (v: string) => string) => ({
        xtype: 'combobox',
        editable: false,
        queryMode: 'local',
        valueField: 'v',
        displayField: 'label',
        store: Ext.create('Ext.data.Store', { fields: ['v', 'label'], data: values.map((v) => ({ v: v, label: label(v) })) }),
        listConfig: { getInnerTpl: () => '{label:htmlEncode}' },
      });
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
            plugins: [
              {
                ptype: 'cellediting',
                clicksToEdit: 1,
                listeners: {
                  beforeedit: (_ed: unknown, ctx: EditContext) => {
                    const rule = ctx.record.get('rule');
                    if (ctx.field === 'op') return rule.origin === 'custom' && rule.op !== 'quorum-lost';
                    if (ctx.field === 'threshold') return rule.op !== 'quorum-lost';
                    return true;
                  },
                  edit: (_ed: unknown, ctx: EditContext) => {
                    if (String(ctx.value) === String(ctx.originalValue)) return;
                    const patch: Record<string, unknown> = {};
                    if (ctx.field === 'threshold') patch['threshold'] = R.parseThreshold(ctx.value);
                    else if (ctx.field === 'forText') {
                      const ms = R.parseDuration(String(ctx.value));
                      patch['forMs'] = ms === null ? String(ctx.value) : ms;
                    } else patch[ctx.field] = ctx.value;
                    this.save(ctx.record, patch);
                  },
                },
              },
            ],
            store: Ext.create('Ext.data.Store', {
              fields: ['id', 'group', 'name', 'metric', 'scope', 'op', 'threshold', 'forText', 'severity', 'enabled', 'modified', 'origin', 'rule'],
              groupField: 'group',
              data: [],
            }),
            columns: [
              {
                text: enc(t('monitoring.kafka.common.rules.col.state')),
                dataIndex: 'id',
                width: 110,
                sortable: false,
                renderer: (_v: string, _m: unknown, rec: Ext.data.Model<Row>) => R.stateCell(rec.get('rule'), this.ruleStates[rec.get('id')]),
              },
              {
                text: enc(t('monitoring.kafka.common.rules.col.name')),
                dataIndex: 'name',
                flex: 3,
                minWidth: 260,
                renderer: (v: string, meta: { tdAttr?: string }, rec: Ext.data.Model<Row>) => {
                  meta.tdAttr = 'title="' + enc(rec.get('id')) + '"';
                  return (
                    '<span class="df-rule-name' + (rec.get('enabled') ? '' : ' df-rule-off') + '">' + enc(v) + '</span>' +
                    (rec.get('origin') === 'custom' ? '<span class="df-rule-custom">' + enc(t('monitoring.kafka.common.rules.custom')) + '</span>' : '')
                  );
                },
              },
              { text: enc(t('monitoring.kafka.common.rules.col.metric')), dataIndex: 'metric', flex: 2, minWidth: 170, renderer: (v: string) => '<span class="df-name">' + enc(v) + '</span>' },
              { text: enc(t('monitoring.kafka.common.rules.col.scope')), dataIndex: 'scope', width: 140, renderer: (v: string) => enc(v) },
              {
                text: enc(t('monitoring.kafka.common.rules.col.op')),
                dataIndex: 'op',
                width: 85,
                align: 'center',
                editor: combo(R.ops(), (v) => R.opText(v)),
                renderer: (v: string, _m: unknown, rec: Ext.data.Model<Row>) => (rec.get('origin') === 'custom' && v !== 'quorum-lost' ? editable(R.opText(v)) : enc(R.opText(v))),
              },
              {
                text: enc(t('monitoring.kafka.common.rules.col.threshold')),
                dataIndex: 'threshold',
                width: 105,
                align: 'right',
                editor: { xtype: 'textfield', selectOnFocus: true },
                renderer: (v: number | string, _m: unknown, rec: Ext.data.Model<Row>) => (rec.get('op') === 'quorum-lost' ? '–' : editable(String(v))),
              },
              { text: enc(t('monitoring.kafka.common.rules.col.for')), dataIndex: 'forText', width: 90, align: 'right', editor: { xtype: 'textfield', selectOnFocus: true }, renderer: (v: string) => editable(v === '0' ? t('monitoring.kafka.common.rules.immediately') : v) },
              {
                text: enc(t('monitoring.kafka.common.rules.col.severity')),
                dataIndex: 'severity',
                width: 110,
                editor: combo(['warning', 'critical'], (v) => ns().EventTimelineModel.severityLabel(v)),
                renderer: (v: string) => severityCell(v),
              },
              {
                text: enc(t('monitoring.kafka.common.rules.col.enabled')),
                dataIndex: 'enabled',
                width: 80,
                align: 'center',
                renderer: (v: boolean) => '<span class="df-check' + (v ? ' df-on' : '') + '" data-action="toggle" role="switch" aria-checked="' + (v ? 'true' : 'false') + '"></span>',
              },
              {
                text: enc(t('monitoring.kafka.common.rules.col.changes')),
                dataIndex: 'modified',
                width: 150,
                sortable: false,
                renderer: (v: boolean, meta: { tdAttr?: string }, rec: Ext.data.Model<Row>) => {
                  const rule = rec.get('rule');
                  if (rule.origin === 'custom') return '<a class="df-rule-link" data-action="delete">' + enc(t('monitoring.kafka.common.rules.delete')) + '</a>';
                  if (!v) return '';
                  const d = rule.defaults;
                  if (d) {
                    const def = R.opText(rule.op) + ' ' + d.threshold + ' · ' + R.formatDuration(d.forMs) + ' · ' + d.severity + (d.enabled ? '' : ' · off');
                    meta.tdAttr = 'title="' + enc(def) + '"';
                  }
                  return (
                    '<span class="df-rule-modified">' + enc(t('monitoring.kafka.common.rules.modified')) + '</span>' +
                    '<a class="df-rule-link" data-action="reset">' + enc(t('monitoring.kafka.common.rules.reset')) + '</a>'
                  );
                },
              },
            ],
            listeners: {
              cellclick: (_view: unknown, _td: unknown, _ci: number, rec: Ext.data.Model<Row>, _tr: unknown, _ri: number, e: Ext.EventObject) => {
                const rule = rec.get('rule');
                if (e.getTarget('[data-action=toggle]')) this.save(rec as Ext.data.Model<Row> & { reject(): void }, { enabled: !rule.enabled });
                else if (e.getTarget('[data-action=reset]')) this.reset(rule);
                else if (e.getTarget('[data-action=delete]')) this.remove(rule);
              },
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
      return Promise.all([ns().Sidecar.get<DfRule[]>(rulePath(this.cluster)), this.loadStates()]).then(
        (res) => {
          if (seq !== this.loadSeq || this.isDestroyed) return;
          this.setLoading(false);
          this.rules = Array.isArray(res[0]) ? res[0] : [];
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
            const grid = this.down<Ext.GridPanel<Row>>('#grid');
            const editing = grid ? (grid as unknown as { findPlugin(p: string): { editing?: boolean } | null }).findPlugin('cellediting') : null;
            // not while a cell is being edited: a refresh would drop the editor
            if (grid && grid.rendered && !(editing && editing.editing)) grid.getView().refresh();
          },
          () => undefined,
        );
    },

    toRow: function (this: RulesImpl, rule: DfRule): Row {
      const R = ns().AlertRulesModel;
      return {
        id: rule.id,
        group: R.groupKey(rule),
        name: R.name(rule),
        metric: rule.metric,
        scope: R.scopeText(rule),
        op: rule.op,
        threshold: rule.threshold,
        forText: R.formatDuration(rule.forMs),
        severity: rule.severity,
        enabled: rule.enabled,
        modified: !!rule.modified,
        origin: rule.origin,
        rule: rule,
      };
    },

    renderRules: function (this: RulesImpl) {
      const grid = this.down<Ext.GridPanel<Row>>('#grid');
      if (grid) grid.getStore().loadData(this.rules.map((r) => this.toRow(r)));
    },

    /** Replaces one rule (as the API returned it) in place. */
    applyRule: function (this: RulesImpl, rule: DfRule) {
      const i = this.rules.map((r) => r.id).indexOf(rule.id);
      if (i >= 0) this.rules[i] = rule;
      else this.rules.push(rule);
      const grid = this.down<Ext.GridPanel<Row>>('#grid');
      if (!grid) return;
      const store = grid.getStore();
      const at = store.findExact('id', rule.id);
      const rec = at >= 0 ? store.getAt(at) : undefined;
      if (rec) {
        rec.set(this.toRow(rule) as unknown as Partial<Row>);
        rec.commit();
      } else {
        store.add([this.toRow(rule)]);
      }
    },

    save: function (this: RulesImpl, rec: Ext.data.Model<Row> & { reject(): void }, patch: Record<string, unknown>) {
      const rule = rec.get('rule');
      ns()
        .AlertRulesApi.write<DfRule>('PUT', rulePath(this.cluster, rule.id), patch)
        .then(
          (updated) => {
            this.updateTokenState();
            if (this.isDestroyed) return;
            this.applyRule(updated);
            this.banner('ok', t('monitoring.kafka.common.rules.saved', [ns().AlertRulesModel.name(updated)]));
            this.loadStates();
          },
          (err: DfApiError) => {
            this.updateTokenState();
            if (this.isDestroyed) return;
            rec.reject();
            if (err.code === 'CANCELLED') this.banner(null);
            else this.banner('error', ns().AlertRulesApi.errorText(err));
          },
        );
    },

    reset: function (this: RulesImpl, rule: DfRule) {
      ns()
        .AlertRulesApi.write<DfRule>('DELETE', rulePath(this.cluster, rule.id))
        .then(
          (back) => {
            this.updateTokenState();
            this.applyRule(back);
            this.banner('ok', t('monitoring.kafka.common.rules.reset_done', [ns().AlertRulesModel.name(back)]));
          },
          (err: DfApiError) => {
            this.updateTokenState();
            if (err.code !== 'CANCELLED') this.banner('error', ns().AlertRulesApi.errorText(err));
          },
        );
    },

    remove: function (this: RulesImpl, rule: DfRule) {
      const name = ns().AlertRulesModel.name(rule);
      const Msg = (Ext as unknown as { Msg: { confirm(title: string, msg: string, fn: (btn: string) => void): void } }).Msg;
      Msg.confirm(enc(t('monitoring.kafka.common.rules.delete')), enc(t('monitoring.kafka.common.rules.confirm_delete', [name])), (btn) => {
        if (btn !== 'yes') return;
        ns()
          .AlertRulesApi.write<{ deleted: boolean }>('DELETE', rulePath(this.cluster, rule.id))
          .then(
            () => {
              this.updateTokenState();
              this.banner('ok', t('monitoring.kafka.common.rules.deleted', [name]));
              this.reload();
            },
            (err: DfApiError) => {
              this.updateTokenState();
              if (err.code !== 'CANCELLED') this.banner('error', ns().AlertRulesApi.errorText(err));
            },
          );
      });
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
