/**
 * The amber bar a panel shows in time-machine mode (xtype `dftimemachinebar`, docked on top):
 * what is shown ("Time machine — 2026-11-24 14:05 (window 1h)"), date, time and window pickers,
 * the scrubber over the window with the snapshot time of the lights, the comparison choice and
 * "Back to live". Fires `go` (at, windowMs), `scrub` (ts), `compare` (choice) and `live`.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t('monitoring.kafka.common.tm.' + key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);
  const COMPARE = ['off', 'now', '1h', '1d', '1w'];
  const CSS = [
    '.df-tm-bar{background:#fff6dc;border-bottom:2px solid #e8a317;padding:6px 10px 2px 10px;}',
    '.df-tm-banner{font:700 13px/24px "Open Sans",Arial,"Noto Sans CJK KR",sans-serif;color:#7a4d00;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}',
    '.df-tm-banner .df-tm-icon{display:inline-block;width:18px;height:18px;line-height:18px;border-radius:50%;background:#e8a317;color:#fff;text-align:center;font-size:12px;margin-right:8px;vertical-align:-3px;}',
    '.df-tm-edge{font:11px/20px Arial,sans-serif;color:#7a6a45;white-space:nowrap;}',
    '.df-tm-snap{font:600 12px/20px Arial,"Noto Sans CJK KR",sans-serif;color:#7a4d00;white-space:nowrap;text-align:right;}',
    '.df-tm-snap.df-tm-loading{color:#a08c5c;font-weight:400;}',
    '.df-tm-error{font:12px/20px Arial,sans-serif;color:#e03e3e;white-space:nowrap;}',
    '.df-tm-bar .x-slider-horz .x-slider-thumb{border-color:#d48806;}',
    '.df-root.df-tm-active .df-card{border-color:#f0d9a0;}',
  ].join('\n');
  let cssDone = false;

  interface BarImpl extends DfTimeMachineBar {
    silent: boolean;
    windowMs: number;
    field<T = Ext.Component>(id: string): T;
    readPick(): { at: number; windowMs: number } | null;
  }
  interface Slider extends Ext.Component {
    setMinValue(v: number): void;
    setMaxValue(v: number): void;
    setValue(v: number, animate?: boolean): void;
    getValue(): number;
  }
  interface Field extends Ext.Component {
    setValue(v: unknown): void;
    getValue(): unknown;
    getRawValue(): string;
  }

  Ext.define('Flamingo2.view.monitoring.common.TimeMachineBar', {
    extend: 'Ext.container.Container',
    alias: 'widget.dftimemachinebar',
    requires: [
      'Ext.form.field.Date',
      'Ext.form.field.Time',
      'Ext.form.field.ComboBox',
      'Ext.slider.Single',
      'Flamingo2.view.monitoring.common.Texts',
      'Flamingo2.view.monitoring.common.TimeMachineMath',
    ],
    cls: 'df-tm-bar',
    layout: { type: 'vbox', align: 'stretch' },

    initComponent: function (this: BarImpl) {
      if (!cssDone) {
        cssDone = true;
        Ext.util.CSS.createStyleSheet(CSS, 'doflamingo-timemachine-css');
      }
      const M = ns().TimeMachineMath;
      this.silent = false;
      this.windowMs = 3600e3;
      const go = () => {
        const pick = this.readPick();
        if (pick) this.fireEvent('go', pick.at, pick.windowMs);
      };
      Ext.apply(this, {
        items: [
          {
            xtype: 'container',
            layout: { type: 'hbox', align: 'middle' },
            defaults: { margin: '0 6 0 0' },
            items: [
              { xtype: 'component', itemId: 'banner', cls: 'df-tm-banner', flex: 1, html: '' },
              {
                xtype: 'datefield',
                itemId: 'date',
                width: 118,
                format: 'Y-m-d',
                maxValue: new Date(),
                fieldLabel: enc(t('date')),
                labelWidth: 32,
                hideLabel: true,
                emptyText: t('date'),
              },
              { xtype: 'timefield', itemId: 'time', width: 82, format: 'H:i', increment: 5, hideLabel: true, emptyText: t('time') },
              {
                xtype: 'combobox',
                itemId: 'window',
                width: 72,
                hideLabel: true,
                editable: true,
                forceSelection: false,
                queryMode: 'local',
                displayField: 'label',
                valueField: 'label',
                store: { fields: ['label'], data: M.WINDOWS.map((w) => ({ label: w[0] })) },
                emptyText: t('window'),
                listeners: { specialkey: (_f: unknown, e: { getKey(): number; ENTER: number }) => e.getKey() === e.ENTER && go() },
              },
              { xtype: 'button', itemId: 'go', text: enc(t('go')), handler: go },
              { xtype: 'component', itemId: 'error', cls: 'df-tm-error', html: '' },
              {
                xtype: 'combobox',
                itemId: 'compare',
                width: 170,
                hideLabel: true,
                editable: false,
                queryMode: 'local',
                displayField: 'text',
                valueField: 'key',
                value: 'off',
                store: { fields: ['key', 'text'], data: COMPARE.map((k) => ({ key: k, text: t('compare.' + k) })) },
                listeners: {
                  select: (_c: unknown, rec: Ext.data.Model<{ key: string }> | Array<Ext.data.Model<{ key: string }>>) => {
                    const r = Array.isArray(rec) ? rec[0] : rec;
                    if (r && !this.silent) this.fireEvent('compare', r.get('key'));
                  },
                },
              },
              { xtype: 'button', itemId: 'live', text: enc('● ' + t('live')), cls: 'df-tm-live', margin: 0, handler: () => this.fireEvent('live') },
            ],
          },
          {
            xtype: 'container',
            layout: { type: 'hbox', align: 'middle' },
            margin: '2 0 0 0',
            items: [
              { xtype: 'component', itemId: 'start', cls: 'df-tm-edge', width: 120, html: '' },
              {
                xtype: 'slider',
                itemId: 'scrubber',
                flex: 1,
                minValue: 0,
                maxValue: 1,
                increment: 1000,
                useTips: true,
                tipText: (thumb: { value: number }) => enc(M.stamp(thumb.value, true)),
                listeners: {
                  change: (_s: unknown, v: number) => {
                    if (!this.silent) this.fireEvent('scrub', v);
                  },
                },
              },
              { xtype: 'component', itemId: 'end', cls: 'df-tm-edge', width: 120, style: 'text-align:right', html: '' },
              { xtype: 'component', itemId: 'snap', cls: 'df-tm-snap', width: 250, html: '' },
            ],
          },
        ],
      });
      this.callParent(arguments);
    },

    field: function <T>(this: BarImpl, id: string): T {
      return this.down('#' + id) as unknown as T;
    },

    /** The picked instant (date + time fields) and window; null (with a message) when unusable. */
    readPick: function (this: BarImpl): { at: number; windowMs: number } | null {
      const M = ns().TimeMachineMath;
      const date = this.field<Field>('date').getValue();
      const time = this.field<Field>('time').getValue();
      const windowMs = M.parseWindow(this.field<Field>('window').getRawValue());
      if (!(date instanceof Date) || !(time instanceof Date)) {
        this.showError(t('pick'));
        return null;
      }
      if (windowMs === null) {
        this.showError(t('window.invalid'));
        return null;
      }
      const at = new Date(date.getFullYear(), date.getMonth(), date.getDate(), time.getHours(), time.getMinutes(), 0, 0).getTime();
      if (at > Date.now()) {
        this.showError(t('future'));
        return null;
      }
      this.showError(null);
      return { at: at, windowMs: windowMs };
    },

    setWindow: function (this: BarImpl, w: { from: number; to: number; at: number; windowMs: number; scrubTs: number }) {
      const M = ns().TimeMachineMath;
      this.silent = true;
      try {
        this.windowMs = w.windowMs;
        const at = new Date(w.at);
        this.field<Field>('date').setValue(new Date(at.getFullYear(), at.getMonth(), at.getDate()));
        this.field<Field>('time').setValue(at);
        this.field<Field>('window').setValue(M.windowLabel(w.windowMs));
        const slider = this.field<Slider>('scrubber');
        // widen first so the new bounds never cross the old ones
        slider.setMinValue(Math.min(w.from, slider.getValue()));
        slider.setMaxValue(w.to);
        slider.setMinValue(w.from);
        slider.setValue(w.scrubTs, false);
        this.field<Ext.Component>('banner').update('<span class="df-tm-icon">&#8634;</span>' + enc(t('banner', [M.stamp(w.at), M.windowLabel(w.windowMs)])));
        this.field<Ext.Component>('start').update(enc(M.stamp(w.from)));
        this.field<Ext.Component>('end').update(enc(M.stamp(w.to)));
        this.showError(null);
      } finally {
        this.silent = false;
      }
    },

    setSnapshotTime: function (this: BarImpl, ts: number, loading: boolean) {
      const el = this.field<Ext.Component>('snap');
      el.update(enc(loading ? t('scrub.loading') : t('scrub', [ns().TimeMachineMath.stamp(ts, true)])));
      if (loading) el.addCls('df-tm-loading');
      else el.removeCls('df-tm-loading');
      if (el.rendered) el.getEl().dom.setAttribute('data-ts', loading ? '' : String(ts));
    },

    setCompareChoice: function (this: BarImpl, choice: string) {
      this.silent = true;
      this.field<Field>('compare').setValue(choice);
      this.silent = false;
    },

    showError: function (this: BarImpl, text: string | null) {
      this.field<Ext.Component>('error').update(text ? enc(text) : '');
    },
  });
})();
