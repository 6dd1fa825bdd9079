/**
 * Where a timeline (or the alert rules grid) lives: the cluster of the monitoring panel holding it
 * (the LiveController's, else Flamingo's ENGINE, else the sidecar's first cluster), Flamingo's
 * `engineChanged` on that panel, switching the Kafka panel's tab, and the `dftimemachine` event
 * (Ext.GlobalEvents) the time machine listens for.
 */
(function () {
  interface HostController {
    liveView?: string;
    cluster?: string;
  }

  interface GlobalEvents {
    fireEvent(name: string, ...args: unknown[]): boolean;
  }

  /** The outermost ancestor (or cmp itself) whose view controller is a LiveController. */
  function hostPanel(cmp: Ext.Component): Ext.Component | null {
    let found: Ext.Component | null = null;
    let c: Ext.Component | undefined = cmp;
    while (c) {
      const ctl = c.getController ? (c.getController() as unknown as HostController | null) : null;
      if (ctl && typeof ctl.liveView === 'string') found = c;
      c = c.ownerCt;
    }
    return found;
  }

  let firstCluster: Promise<string> | null = null;

  const Host: DfEventTimelineHost = {
    cluster: (cmp) => {
      const host = hostPanel(cmp);
      const ctl = host ? (host.getController() as unknown as HostController | null) : null;
      if (ctl && ctl.cluster) return Promise.resolve(String(ctl.cluster));
      if (typeof ENGINE === 'object' && ENGINE && ENGINE.id) return Promise.resolve(String(ENGINE.id));
      if (!firstCluster) {
        firstCluster = Flamingo2.view.monitoring.common.Sidecar.get<Array<{ id: string }>>('/clusters').then((list) => {
          const first = list[0];
          if (!first) throw new Error('no cluster');
          return String(first.id);
        });
        firstCluster.catch(() => {
          firstCluster = null;
        });
      }
      return firstCluster;
    },

    onEngineChanged: (cmp, fn) => {
      const host = hostPanel(cmp);
      if (!host) return;
      host.on('engineChanged', (engine: FlamingoEngine) => {
        if (!cmp.isDestroyed && engine && engine.id !== undefined) fn(String(engine.id));
      });
    },

    showTab: (cmp, xtype) => {
      let c: Ext.Component | undefined = cmp;
      while (c) {
        const tabs = c as Ext.TabPanel;
        if (typeof tabs.setActiveTab === 'function') {
          const tab = tabs.down(xtype);
          if (tab && tab.ownerCt === tabs) {
            tabs.setActiveTab(tab);
            return true;
          }
        }
        c = c.ownerCt;
      }
      return false;
    },

    timeMachine: (req) => {
      const g = (Ext as unknown as { GlobalEvents?: GlobalEvents }).GlobalEvents;
      if (g) g.fireEvent('dftimemachine', req);
    },
  };

  Ext.define(
    'Flamingo2.view.monitoring.common.EventTimelineHost',
    Object.assign({ singleton: true, requires: ['Flamingo2.view.monitoring.common.Sidecar'] }, Host),
  );
})();
