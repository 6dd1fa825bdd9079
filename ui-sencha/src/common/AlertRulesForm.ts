/**
 * "Add rule" dialog of the alert rules grid: a metric from the catalogue (GET /catalog), a target of
 * the cluster (GET /clusters/:cid/targets, only those the metric applies to; empty = all), condition,
 * threshold, for-duration, severity and optional names. Posts to the admin API (admin token asked
 * once); the API's error message is shown in the dialog. Fires `created` (rule) on success.
 * Catalogue ids and target keys are shown as text (list templates encode them).
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);

  interface Field extends Ext.Component {
    getValue(): unknown;
    setValue(v: unknown): void;
    getStore(): Ext.data.Store<Record<string, unknown>>;
  }

  interface FormImpl extends Ext.Container {
    cluster: string;
    catalog: DfCatalogEntry[];
    targets: DfTarget[];
    field(id: string): Field;
    value(id: string): string;
    fillTargets(): void;
    showError(text: string | null): void;
    submit(): void;
    close(): void;
  }

  function comboOf(itemId: string, label: string, data: Array<{ v: string; label: string }>, value: string): object {
    return {
      xtype: 'combobox',
      itemId: itemId,
      fieldLabel: enc(label),
      editable: false,
      queryMode: 'local',
      valueField: 'v',
      displayField: 'label',
      value: value,
      store: Ext.create('Ext.data.Store', { fields: ['v', 'label'], data: data }),
      listConfig: { getInnerTpl: () => '{label:htmlEncode}' },
    };
  }

  Ext.define('Flamingo2.view.monitoring.common.AlertRulesForm', {
    extend: 'Ext.window.Window',
    requires: [
      'Ext.form.field.ComboBox',
      'Ext.form.field.Text',
      'Flamingo2.view.monitoring.common.AlertRulesApi',
      'Flamingo2.view.monitoring.common.AlertRulesModel',
      'Flamingo2.view.monitoring.common.EventTimelineModel',
      'Flamingo2.view.monitoring.common.Sidecar',
      'Flamingo2.view.monitoring.common.Texts',
    ],

    cls: 'df-rule-form',
    modal: true,
    width: 520,
    bodyPadding: 14,
    layout: 'anchor',
    closeAction: 'destroy',

    initComponent: function (this: FormImpl) {
      const R = ns().AlertRulesModel;
      const E = ns().EventTimelineModel;
      this.catalog = [];
      this.targets = [];
      Ext.apply(this, {
        title: enc(t('monitoring.kafka.common.rules.form.title')),
        defaults: { anchor: '100%', labelWidth: 150 },
        items: [
          { xtype: 'component', itemId: 'error', hidden: true, html: '' },
          {
            xtype: 'combobox',
            itemId: 'metric',
            fieldLabel: enc(t('monitoring.kafka.common.rules.form.metric')),
            queryMode: 'local',
            valueField: 'id',
            displayField: 'id',
            anyMatch: true,
            forceSelection: true,
            store: Ext.create('Ext.data.Store', { fields: ['id', 'desc', 'appliesTo'], data: [] }),
            listConfig: { getInnerTpl: () => '<span class="df-name">{id:htmlEncode}</span><div class="df-hint">{desc:htmlEncode}</div>' },
            listeners: { change: () => this.fillTargets() },
          },
          comboOf('target', t('monitoring.kafka.common.rules.form.target'), [], ''),
          comboOf(
            'op',
            t('monitoring.kafka.common.rules.form.op'),
            R.ops().map((o) => ({ v: o, label: R.opText(o) })),
            '>',
          ),
          { xtype: 'textfield', itemId: 'threshold', fieldLabel: enc(t('monitoring.kafka.common.rules.form.threshold')), value: '0' },
          { xtype: 'textfield', itemId: 'for', fieldLabel: enc(t('monitoring.kafka.common.rules.form.for')), value: '5m' },
          comboOf(
            'severity',
            t('monitoring.kafka.common.rules.form.severity'),
            ['warning', 'critical'].map((s) => ({ v: s, label: E.severityLabel(s) })),
            'warning',
          ),
          { xtype: 'textfield', itemId: 'nameEn', fieldLabel: enc(t('monitoring.kafka.common.rules.form.name_en')) },
          { xtype: 'textfield', itemId: 'nameKo', fieldLabel: enc(t('monitoring.kafka.common.rules.form.name_ko')) },
        ],
        buttons: [
          { text: enc(t('monitoring.kafka.common.rules.form.save')), itemId: 'save', handler: () => this.submit() },
          { text: enc(t('monitoring.kafka.common.rules.token.cancel')), handler: () => this.close() },
        ],
      });
      this.callParent(arguments);
      const C = ns();
      const locale = /^ko/i.test(C.Texts.locale()) ? 'ko' : 'en';
      Promise.all([C.Sidecar.get<DfCatalogEntry[]>('/catalog'), C.Sidecar.get<DfTarget[]>('/clusters/' + encodeURIComponent(this.cluster) + '/targets')]).then(
        (res) => {
          if (this.isDestroyed) return;
          this.catalog = Array.isArray(res[0]) ? res[0] : [];
          this.targets = Array.isArray(res[1]) ? res[1] : [];
          this.field('metric')
            .getStore()
            .loadData(
              this.catalog
                .map((c) => ({ id: c.id, desc: (c.description && c.description[locale]) || '', appliesTo: c.appliesTo }))
                .sort((a, b) => a.id.localeCompare(b.id)),
            );
          this.fillTargets();
        },
        (err: Error) => this.showError(t('monitoring.kafka.common.load_failed', [err.message])),
      );
    },

    field: function (this: FormImpl, id: string): Field {
      return this.down<Field>('#' + id) as Field;
    },

    value: function (this: FormImpl, id: string): string {
      const v = this.field(id).getValue();
      return v === null || v === undefined ? '' : String(v).trim();
    },

    /** Targets the chosen metric applies to; the first choice is "all targets". */
    fillTargets: function (this: FormImpl) {
      const metric = this.value('metric');
      const entry = this.catalog.filter((c) => c.id === metric)[0];
      const kinds = entry ? ([] as string[]).concat(entry.appliesTo as unknown as string[]) : [];
      const list = this.targets
        .filter((tg) => !entry || kinds.indexOf(tg.kind) >= 0)
        .map((tg) => ({ v: tg.key, label: tg.key + '  (' + tg.kind + ')' }))
        .sort((a, b) => a.v.localeCompare(b.v, undefined, { numeric: true }));
      const target = this.field('target');
      const current = this.value('target');
      target.getStore().loadData([{ v: '', label: t('monitoring.kafka.common.rules.form.any_target') }].concat(list));
      target.setValue(list.some((x) => x.v === current) ? current : '');
    },

    showError: function (this: FormImpl, text: string | null) {
      const el = this.down('#error');
      if (!el) return;
      if (!text) {
        el.hide();
        return;
      }
      el.update('<div class="df-banner df-banner-error">' + enc(text) + '</div>');
      el.show();
    },

    submit: function (this: FormImpl) {
      const R = ns().AlertRulesModel;
      const forText = this.value('for');
      const forMs = R.parseDuration(forText);
      if (forMs === null) {
        this.showError(t('monitoring.kafka.common.rules.form.bad_for'));
        return;
      }
      const body: Record<string, unknown> = {
        metric: this.value('metric'),
        scope: 'series',
        op: this.value('op'),
        threshold: R.parseThreshold(this.value('threshold')),
        forMs: forMs,
        severity: this.value('severity'),
        enabled: true,
      };
      const target = this.value('target');
      if (target) body['target'] = target;
      const en = this.value('nameEn');
      const ko = this.value('nameKo');
      if (en || ko) body['name'] = { en: en || ko, ko: ko || en };
      this.showError(null);
      ns()
        .AlertRulesApi.write<DfRule>('POST', '/clusters/' + encodeURIComponent(this.cluster) + '/rules', body)
        .then(
          (rule) => {
            this.fireEvent('tokenchange');
            this.fireEvent('created', rule);
            this.close();
          },
          (err: DfApiError) => {
            this.fireEvent('tokenchange');
            if (!this.isDestroyed && err.code !== 'CANCELLED') this.showError(ns().AlertRulesApi.errorText(err));
          },
        );
    },
  });
})();
