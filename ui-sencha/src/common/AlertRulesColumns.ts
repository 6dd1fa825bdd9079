/**
 * The alert rules grid's rows and columns (singleton): a row per rule (names in the page's locale,
 * scope, duration text), and the column definitions — state light, name (+ "custom"), metric, scope,
 * condition and severity (combo editors), threshold and for-duration (text editors), the enabled
 * switch, and "modified" with reset (built-in rules) or delete (custom rules).
 * Names, metrics, scopes and targets are rendered as text (HTML-encoded).
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);

  type Rec = Ext.data.Model<DfAlertRuleRow>;

  function severityCell(sev: string): string {
    const M = ns().EventTimelineModel;
    return (
      '<span class="df-sev df-sev-' +
      enc(sev) +
      '"><span class="df-dot" style="background:' +
      M.severityColor(sev) +
      '"></span>' +
      enc(M.severityLabel(sev)) +
      '</span>'
    );
  }

  function editable(text: string): string {
    return '<span class="df-rule-edit">' + enc(text) + '</span>';
  }

  /** A local, non-typed combo editor over values shown with label(v). */
  function combo(values: string[], label: (v: string) => string): object {
    return {
      xtype: 'combobox',
      editable: false,
      queryMode: 'local',
      valueField: 'v',
      displayField: 'label',
      store: Ext.create('Ext.data.Store', { fields: ['v', 'label'], data: values.map((v) => ({ v: v, label: label(v) })) }),
      listConfig: { getInnerTpl: () => '{label:htmlEncode}' },
    };
  }

  /** "Delete" for custom rules; "modified" + "Reset to default" (defaults in the tooltip) for changed built-in rules. */
  function changesCell(v: boolean, meta: { tdAttr?: string }, rec: Rec): string {
    const R = ns().AlertRulesModel;
    const rule = rec.get('rule');
    if (rule.origin === 'custom') return '<a class="df-rule-link" data-action="delete">' + enc(t('monitoring.kafka.common.rules.delete')) + '</a>';
    if (!v) return '';
    const d = rule.defaults;
    if (d) {
      const def = R.opText(rule.op) + ' ' + d.threshold + ' · ' + R.formatDuration(d.forMs) + ' · ' + d.severity + (d.enabled ? '' : ' · off');
      meta.tdAttr = 'title="' + enc(def) + '"';
    }
    return (
      '<span class="df-rule-modified">' +
      enc(t('monitoring.kafka.common.rules.modified')) +
      '</span>' +
      '<a class="df-rule-link" data-action="reset">' +
      enc(t('monitoring.kafka.common.rules.reset')) +
      '</a>'
    );
  }

  const AlertRulesColumns: DfAlertRulesColumns = {
    fields: ['id', 'group', 'name', 'metric', 'scope', 'op', 'threshold', 'forText', 'severity', 'enabled', 'modified', 'origin', 'rule'],

    toRow: (rule) => {
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

    columns: (panel) => {
      const R = ns().AlertRulesModel;
      return [
        {
          text: enc(t('monitoring.kafka.common.rules.col.state')),
          dataIndex: 'id',
          width: 110,
          sortable: false,
          renderer: (_v: string, _m: unknown, rec: Rec) => R.stateCell(rec.get('rule'), panel.ruleStates[rec.get('id')]),
        },
        {
          text: enc(t('monitoring.kafka.common.rules.col.name')),
          dataIndex: 'name',
          flex: 3,
          minWidth: 260,
          renderer: (v: string, meta: { tdAttr?: string }, rec: Rec) => {
            meta.tdAttr = 'title="' + enc(rec.get('id')) + '"';
            return (
              '<span class="df-rule-name' +
              (rec.get('enabled') ? '' : ' df-rule-off') +
              '">' +
              enc(v) +
              '</span>' +
              (rec.get('origin') === 'custom' ? '<span class="df-rule-custom">' + enc(t('monitoring.kafka.common.rules.custom')) + '</span>' : '')
            );
          },
        },
        {
          text: enc(t('monitoring.kafka.common.rules.col.metric')),
          dataIndex: 'metric',
          flex: 2,
          minWidth: 170,
          renderer: (v: string) => '<span class="df-name">' + enc(v) + '</span>',
        },
        { text: enc(t('monitoring.kafka.common.rules.col.scope')), dataIndex: 'scope', width: 140, renderer: (v: string) => enc(v) },
        {
          text: enc(t('monitoring.kafka.common.rules.col.op')),
          dataIndex: 'op',
          width: 85,
          align: 'center',
          editor: combo(R.ops(), (v) => R.opText(v)),
          renderer: (v: string, _m: unknown, rec: Rec) => (rec.get('origin') === 'custom' && v !== 'quorum-lost' ? editable(R.opText(v)) : enc(R.opText(v))),
        },
        {
          text: enc(t('monitoring.kafka.common.rules.col.threshold')),
          dataIndex: 'threshold',
          width: 105,
          align: 'right',
          editor: { xtype: 'textfield', selectOnFocus: true },
          renderer: (v: number | string, _m: unknown, rec: Rec) => (rec.get('op') === 'quorum-lost' ? '–' : editable(String(v))),
        },
        {
          text: enc(t('monitoring.kafka.common.rules.col.for')),
          dataIndex: 'forText',
          width: 90,
          align: 'right',
          editor: { xtype: 'textfield', selectOnFocus: true },
          renderer: (v: string) => editable(v === '0' ? t('monitoring.kafka.common.rules.immediately') : v),
        },
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
          renderer: (v: boolean) =>
            '<span class="df-check' + (v ? ' df-on' : '') + '" data-action="toggle" role="switch" aria-checked="' + (v ? 'true' : 'false') + '"></span>',
        },
        { text: enc(t('monitoring.kafka.common.rules.col.changes')), dataIndex: 'modified', width: 150, sortable: false, renderer: changesCell },
      ];
    },
  };

  Ext.define(
    'Flamingo2.view.monitoring.common.AlertRulesColumns',
    Object.assign(
      {
        singleton: true,
        requires: [
          'Ext.data.Store',
          'Ext.form.field.ComboBox',
          'Ext.form.field.Text',
          'Flamingo2.view.monitoring.common.AlertRulesModel',
          'Flamingo2.view.monitoring.common.EventTimelineModel',
          'Flamingo2.view.monitoring.common.Texts',
        ],
      },
      AlertRulesColumns,
    ),
  );
})();
