/**
 * Header tools of a monitoring panel (xtype `dflivebar`): the time-range selector
 * (15 m / 1 h / 6 h / 24 h / 7 d, fires `rangechange` with milliseconds), the live status,
 * the time machine toggle (fires `timemachine` with pressed) and the CSV export (`csvexport`).
 */
(function () {
  const RANGES: Array<[string, number]> = [
    ['monitoring.kafka.common.range.15m', 15 * 60e3],
    ['monitoring.kafka.common.range.1h', 3600e3],
    ['monitoring.kafka.common.range.6h', 6 * 3600e3],
    ['monitoring.kafka.common.range.24h', 24 * 3600e3],
    ['monitoring.kafka.common.range.7d', 7 * 86400e3],
  ];

  Ext.define('Flamingo2.view.monitoring.common.LiveBar', {
    extend: 'Ext.container.Container',
    alias: 'widget.dflivebar',
    requires: ['Ext.button.Segmented', 'Flamingo2.view.monitoring.common.Texts', 'Flamingo2.view.monitoring.common.Styles'],

    layout: { type: 'hbox', align: 'middle' },

    initComponent: function (this: DfLiveBar) {
      const T = Flamingo2.view.monitoring.common.Texts;
      Flamingo2.view.monitoring.common.Styles.ensure();
      Ext.apply(this, {
        items: [
          {
            xtype: 'component',
            itemId: 'liveStatus',
            cls: 'df-live',
            html: '<span class="df-dot df-state-unknown"></span>' + Ext.String.htmlEncode(T.t('monitoring.kafka.common.live.connecting')),
            margin: '0 10 0 0',
          },
          {
            xtype: 'segmentedbutton',
            itemId: 'range',
            allowMultiple: false,
            items: RANGES.map((r, i) => ({
              text: T.t(r[0]),
              rangeMs: r[1],
              pressed: i === 0,
              itemId: 'range' + r[1],
              minWidth: 40,
            })),
            listeners: {
              toggle: (_seg: unknown, btn: Ext.Button & { rangeMs: number }, pressed: boolean) => {
                if (pressed) this.fireEvent('rangechange', btn.rangeMs);
              },
            },
          },
          {
            xtype: 'button',
            itemId: 'timeMachine',
            enableToggle: true,
            text: Ext.String.htmlEncode('\u21ba ' + T.t('monitoring.kafka.common.tm.button')),
            tooltip: Ext.String.htmlEncode(T.t('monitoring.kafka.common.tm.button.hint')),
            margin: '0 0 0 8',
            toggleHandler: (_btn: unknown, pressed: boolean) => this.fireEvent('timemachine', pressed),
          },
          {
            xtype: 'button',
            itemId: 'csv',
            text: Ext.String.htmlEncode(T.t('monitoring.kafka.common.csv.button')),
            tooltip: Ext.String.htmlEncode(T.t('monitoring.kafka.common.csv.hint')),
            margin: '0 0 0 4',
            handler: () => this.fireEvent('csvexport'),
          },
        ],
      });
      this.callParent(arguments);
    },

    setStatus: function (this: DfLiveBar, status: DfLiveStatus, lastTs: number) {
      const T = Flamingo2.view.monitoring.common.Texts;
      const el = this.down('#liveStatus');
      if (!el) return;
      const state: DfState = status === 'open' ? 'ok' : status === 'reconnecting' ? 'warn' : 'unknown';
      let text = T.t('monitoring.kafka.common.live.' + status);
      if (status === 'open' && lastTs > 0) {
        text += ' · ' + Flamingo2.view.monitoring.common.Format.time(lastTs, 0);
      }
      el.update('<span class="df-dot df-state-' + state + '"></span>' + Ext.String.htmlEncode(text));
    },
  });
})();
