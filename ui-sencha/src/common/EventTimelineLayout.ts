/**
 * What the event timeline is made of, as Ext configs (singleton): the toolbar (range, zoom reset,
 * severity / kind / subject filters, status) and the event list. The panel (EventTimeline.ts) owns
 * the state and passes the actions the controls call. Subjects and messages are cluster data:
 * rendered as text only.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);

  interface Row {
    ev: DfEvent;
  }

  function severityCell(sev: string): string {
    const M = ns().EventTimelineModel;
    const known = M.severities().indexOf(sev) >= 0 ? sev : 'other';
    return (
      '<span class="df-sev df-sev-' +
      known +
      '"><span class="df-dot" style="background:' +
      M.severityColor(known) +
      '"></span>' +
      enc(M.severityLabel(sev)) +
      '</span>'
    );
  }

  const EventTimelineLayout: DfEventTimelineLayout = {
    tools: (actions, ranges, defaultRangeMs) => {
      const M = ns().EventTimelineModel;
      return [
        {
          xtype: 'segmentedbutton',
          itemId: 'range',
          allowMultiple: false,
          items: ranges.map((r) => ({ text: enc(t(r[0])), rangeMs: r[1], pressed: r[1] === defaultRangeMs, itemId: 'range' + r[1], minWidth: 44 })),
          listeners: {
            toggle: (_seg: unknown, btn: Ext.Button & { rangeMs: number }, pressed: boolean) => {
              if (pressed) actions.setRange(btn.rangeMs);
            },
          },
        },
        { xtype: 'button', itemId: 'resetZoom', text: enc(t('monitoring.kafka.common.events.reset_zoom')), disabled: true, handler: () => actions.resetZoom() },
        '-',
        {
          xtype: 'segmentedbutton',
          itemId: 'severity',
          allowMultiple: true,
          items: M.severities().map((s) => ({
            text: '<span class="df-dot" style="background:' + M.severityColor(s) + '"></span>' + enc(M.severityLabel(s)),
            severity: s,
            itemId: 'sev-' + s,
            pressed: true,
          })),
          listeners: { toggle: () => actions.readFilter() },
        },
        {
          xtype: 'combobox',
          itemId: 'kind',
          width: 230,
          multiSelect: true,
          editable: false,
          queryMode: 'local',
          valueField: 'kind',
          displayField: 'label',
          emptyText: t('monitoring.kafka.common.events.all_kinds'),
          store: Ext.create('Ext.data.Store', { fields: ['kind', 'label'], data: M.kinds().map((k) => ({ kind: k, label: M.kindLabel(k) })) }),
          listeners: { change: () => actions.readFilter() },
        },
        {
          xtype: 'textfield',
          itemId: 'subject',
          width: 200,
          emptyText: t('monitoring.kafka.common.events.subject_filter'),
          checkChangeBuffer: 400,
          listeners: { change: () => actions.readFilter() },
        },
        '->',
        { xtype: 'component', itemId: 'status', cls: 'df-tbar-label', html: '' },
      ];
    },

    list: (actions) => {
      const M = ns().EventTimelineModel;
      return {
        xtype: 'grid',
        itemId: 'grid',
        cls: 'df-grid df-evgrid',
        flex: 1,
        minHeight: 160,
        emptyText: enc(t('monitoring.kafka.common.events.none')),
        viewConfig: { deferEmptyText: false, markDirty: false },
        store: Ext.create('Ext.data.Store', {
          fields: ['key', 'ts', 'severity', 'kind', 'subject', 'message', 'ev'],
          sorters: [{ property: 'ts', direction: 'DESC' }],
          data: [],
        }),
        columns: [
          { text: enc(t('monitoring.kafka.common.events.col.time')), dataIndex: 'ts', width: 160, renderer: (v: number) => enc(M.fullTime(v)) },
          { text: enc(t('monitoring.kafka.common.events.col.severity')), dataIndex: 'severity', width: 110, renderer: (v: string) => severityCell(v) },
          {
            text: enc(t('monitoring.kafka.common.events.col.kind')),
            dataIndex: 'kind',
            width: 190,
            renderer: (v: string) => '<span class="df-kind">' + enc(M.kindLabel(v)) + '</span>',
          },
          {
            text: enc(t('monitoring.kafka.common.events.col.subject')),
            dataIndex: 'subject',
            flex: 1,
            minWidth: 140,
            renderer: (v: string) => '<span class="df-name">' + enc(v || '–') + '</span>',
          },
          {
            text: enc(t('monitoring.kafka.common.events.col.message')),
            dataIndex: 'message',
            flex: 2,
            minWidth: 200,
            renderer: (v: string, meta: { tdAttr?: string }) => {
              meta.tdAttr = 'title="' + enc(v || '') + '"';
              return enc(v || '');
            },
          },
        ],
        listeners: {
          itemclick: (_view: unknown, rec: Ext.data.Model<Row>) => actions.openEvent(rec.get('ev')),
        },
      };
    },
  };

  Ext.define(
    'Flamingo2.view.monitoring.common.EventTimelineLayout',
    Object.assign(
      {
        singleton: true,
        requires: ['Ext.data.Store', 'Flamingo2.view.monitoring.common.EventTimelineModel', 'Flamingo2.view.monitoring.common.Texts'],
      },
      EventTimelineLayout,
    ),
  );
})();
