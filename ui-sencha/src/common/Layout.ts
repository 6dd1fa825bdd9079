/** Small layout helpers shared by the tabs: rows of equally wide cards with even gaps. */
(function () {
  const GAP = 10;
  const lastHtml = new WeakMap<Ext.Component, string>();
  const Layout: DfLayout = {
    row: (items, height, last) => ({
      xtype: 'container',
      layout: { type: 'hbox', align: 'stretch' },
      height: height,
      margin: last ? 0 : '0 0 ' + GAP + ' 0',
      defaults: { flex: 1 },
      items: items.map((item, i) => Ext.apply({ margin: i === items.length - 1 ? 0 : '0 ' + GAP + ' 0 0' }, item)),
    }),
    setHtml: (cmp, html) => {
      if (!cmp.rendered || lastHtml.get(cmp) === html) return false;
      lastHtml.set(cmp, html);
      cmp.getEl().dom.innerHTML = html;
      cmp.updateLayout();
      return true;
    },
    syncStore: <M extends object>(store: Ext.data.Store<M>, rows: M[], idField: keyof M) => {
      const wanted: Record<string, M> = {};
      rows.forEach((r) => {
        wanted[String(r[idField])] = r;
      });
      const gone: Array<Ext.data.Model<M>> = [];
      store.getRange().forEach((rec) => {
        const id = String(rec.get(idField));
        const row = wanted[id];
        if (!row) {
          gone.push(rec);
          return;
        }
        delete wanted[id];
        const changed: Partial<M> = {};
        let any = false;
        (Object.keys(row) as Array<keyof M>).forEach((k) => {
          if (JSON.stringify(rec.get(k)) !== JSON.stringify(row[k])) {
            changed[k] = row[k];
            any = true;
          }
        });
        if (any) {
          rec.set(changed);
          rec.commit();
        }
      });
      if (gone.length) store.remove(gone);
      const added = Object.keys(wanted).map((id) => wanted[id] as M);
      if (added.length) store.add(added);
    },
    caption: (text) => ({
      xtype: 'component',
      cls: 'df-hint',
      html: Ext.String.htmlEncode(text),
    }),
    rejectedLine: (target) => {
      const common = Flamingo2.view.monitoring.common;
      const enc = Ext.String.htmlEncode;
      return (
        '<div class="df-kv df-rejected" title="' +
        enc(target.lastRejectReason || '') +
        '"><span>' +
        enc(common.Texts.t('monitoring.kafka.common.rejected')) +
        '</span><b class="df-text-warn">' +
        enc(common.Format.count(target.rejected)) +
        '</b></div>'
      );
    },
  };
  Ext.define('Flamingo2.view.monitoring.common.Layout', Object.assign({ singleton: true }, Layout));
})();
