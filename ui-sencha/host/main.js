/*
 * Demo host page script: builds a Viewport shaped like Flamingo 2's main screen.
 * North: header with the engine (cluster) combo. West: the menu tree from FL_COMM_MENU rows.
 * Centre: the panel made by Ext.create('Flamingo2.view.' + MENU_NS), replacing the previous one,
 * like Flamingo's MainController. Classes load on demand through Ext.Loader
 * ('Flamingo2' -> /app, i.e. /app/view/monitoring/kafka/Kafka.js), as in Flamingo.
 * Names from the database (menu names, engine names) are HTML-encoded before Ext renders them.
 */
/* global Ext, DEMO, ENGINE, message */
(function () {
  'use strict';

  Ext.Loader.setConfig({ enabled: true, disableCaching: false, paths: { Flamingo2: '/app' } });

  function text(key) {
    var v = message.msg(key);
    return typeof v === 'string' ? v : key;
  }

  function enc(s) {
    return Ext.String.htmlEncode(String(s));
  }

  function treeNodes(menu) {
    return menu.map(function (top) {
      return {
        text: enc(top.text),
        menuId: top.id,
        ns: top.ns,
        expanded: true,
        leaf: top.children.length === 0,
        children: top.children.map(function (c) {
          return { text: enc(c.text), menuId: c.id, ns: c.ns, leaf: true };
        }),
      };
    });
  }

  function firstModuleItem(menu) {
    for (var i = 0; i < menu.length; i++) {
      for (var j = 0; j < menu[i].children.length; j++) {
        var ns = menu[i].children[j].ns || '';
        if (/^monitoring\.(kafka|zookeeper)\./.test(ns)) return ns;
      }
    }
    return null;
  }

  function openMenu(ns) {
    var center = Ext.ComponentQuery.query('#pnlCenter')[0];
    if (!center || !ns) return null;
    var panel = null;
    center.removeAll(true);
    try {
      panel = Ext.create('Flamingo2.view.' + ns);
    } catch (e) {
      if (window.console) window.console.warn('demo: cannot open ' + ns + ': ' + e.message);
    }
    if (panel) {
      center.add(panel);
    } else {
      center.add({ xtype: 'component', cls: 'demo-missing', html: enc(text('demo.not_in_demo')) });
    }
    center.currentPage = ns;
    var tree = Ext.ComponentQuery.query('#menuTree')[0];
    var node = tree && tree.getStore().findNode('ns', ns);
    if (node) tree.getSelectionModel().select(node, false, true);
    return panel;
  }

  function switchEngine(id) {
    var engine = DEMO.engines.filter(function (e) {
      return e.id === id;
    })[0];
    if (!engine) return;
    window.ENGINE = { id: engine.id, name: engine.name };
    var center = Ext.ComponentQuery.query('#pnlCenter')[0];
    var first = center && center.items.getAt(0);
    if (first) first.fireEvent('engineChanged', window.ENGINE);
  }

  Ext.onReady(function () {
    Ext.tip.QuickTipManager.init();
    var notices = [];
    if (DEMO.menuError) notices.push(text('demo.menu_unavailable'));
    if (!DEMO.panelsBuilt) notices.push('Panels are not built: run bash ui-sencha/build.sh');

    Ext.create('Ext.container.Viewport', {
      layout: 'border',
      cls: 'demo-viewport',
      items: [
        {
          region: 'north',
          xtype: 'container',
          cls: 'demo-header',
          height: 48,
          layout: { type: 'hbox', align: 'middle' },
          padding: '0 16 0 16',
          items: [
            { xtype: 'component', cls: 'demo-logo', html: '<span class="demo-logo-mark"></span>Flamingo <b>2</b>' },
            { xtype: 'component', cls: 'demo-sub', html: enc(notices.length ? notices.join(' · ') : 'Doflamingo demo'), margin: '0 0 0 14' },
            { xtype: 'component', flex: 1 },
            { xtype: 'component', cls: 'demo-label', html: enc(text('demo.engine')), margin: '0 8 0 0' },
            {
              xtype: 'combo',
              itemId: 'engineCombo',
              width: 200,
              editable: false,
              queryMode: 'local',
              valueField: 'id',
              displayField: 'name',
              store: Ext.create('Ext.data.Store', { fields: ['id', 'name'], data: DEMO.engines }),
              value: ENGINE.id,
              listConfig: {
                getInnerTpl: function () {
                  return '{name:htmlEncode}';
                },
              },
              listeners: {
                select: function (combo) {
                  switchEngine(combo.getValue());
                },
              },
            },
            { xtype: 'component', cls: 'demo-user', html: 'admin', margin: '0 0 0 16' },
          ],
        },
        {
          region: 'west',
          xtype: 'treepanel',
          itemId: 'menuTree',
          title: enc(text('demo.menu')),
          width: 220,
          split: true,
          collapsible: true,
          rootVisible: false,
          cls: 'demo-menu',
          store: Ext.create('Ext.data.TreeStore', {
            fields: ['text', 'menuId', 'ns'],
            root: { expanded: true, children: treeNodes(DEMO.menu) },
          }),
          listeners: {
            itemclick: function (view, record) {
              if (record.get('leaf') && record.get('ns')) openMenu(record.get('ns'));
            },
          },
        },
        { region: 'center', xtype: 'panel', itemId: 'pnlCenter', layout: 'fit', border: false, bodyCls: 'demo-center' },
      ],
    });

    window.DEMO_APP = { openMenu: openMenu, switchEngine: switchEngine };
    var start = DEMO.open || firstModuleItem(DEMO.menu);
    if (start) openMenu(start);
  });
})();
