/**
 * A row of health lights (xtype `dfhealthstrip`): colour first, then a short value and a label.
 * Everything shown is HTML-encoded; the explanation is a native `title` tooltip (plain text).
 */
(function () {
  interface HealthStripImpl extends DfHealthStrip {
    /** Lights per row (default: all in one row). */
    columns: number | null;
    /** Keys of the lights that lead somewhere (value: where; the owner decides on `lightclick`). */
    links: Record<string, number> | null;
    lastHtml: string;
  }

  const enc = (s: string) => Ext.String.htmlEncode(s);

  Ext.define('Flamingo2.view.monitoring.common.HealthStrip', {
    extend: 'Ext.Component',
    alias: 'widget.dfhealthstrip',
    requires: ['Flamingo2.view.monitoring.common.Styles'],
    columns: null,
    links: null,

    initComponent: function (this: HealthStripImpl) {
      Flamingo2.view.monitoring.common.Styles.ensure();
      this.lastHtml = '';
      this.callParent(arguments);
    },

    afterRender: function (this: HealthStripImpl) {
      this.callParent(arguments);
      // a click on a light fires `lightclick` with its key (e.g. to open the tab that explains it)
      this.getEl().on('click', (e) => {
        const el = e.getTarget('.df-light');
        if (el) this.fireEvent('lightclick', el.getAttribute('data-light'));
      });
    },

    setLights: function (this: HealthStripImpl, lights: DfLight[]) {
      const cols = this.columns || lights.length;
      const html =
        '<div class="df-lights" style="grid-template-columns:repeat(' +
        cols +
        ',minmax(0,1fr))">' +
        lights
          .map(
            (l) =>
              '<div class="df-light df-state-' +
              l.state +
              '" data-light="' +
              enc(l.key) +
              '" data-state="' +
              l.state +
              '"' +
              (this.links && this.links[l.key] !== undefined ? ' data-link="1"' : '') +
              ' title="' +
              enc(l.hint) +
              '">' +
              '<span class="df-light-dot"></span><span class="df-light-text">' +
              '<span class="df-light-value">' +
              enc(l.value) +
              '</span>' +
              '<span class="df-light-label">' +
              enc(l.label) +
              '</span></span></div>',
          )
          .join('') +
        '</div>';
      if (html === this.lastHtml) return;
      this.lastHtml = html;
      if (this.rendered) {
        this.getEl().dom.innerHTML = html;
        this.updateLayout();
      } else {
        this.html = html;
      }
    },
  });
})();
