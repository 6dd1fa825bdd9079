/**
 * The page's ONE WebSocket to the sidecar, shared by every panel (LiveClient.shared()).
 * Panels subscribe to a channel (cluster + view); the client re-subscribes after a reconnect,
 * reconnects with exponential backoff (1 s doubling to 30 s, with jitter) and closes the socket
 * a little after the last subscriber left.
 */
(function () {
  interface Subscription {
    cluster: string;
    view: DfView;
    onMessage: DfLiveHandler;
    onStatus?: DfStatusHandler;
  }

  const MAX_BACKOFF_MS = 30000;
  const IDLE_CLOSE_MS = 15000;

  function channel(cluster: string, view: string): string {
    return cluster + '\u0000' + view;
  }

  function createClient(): DfLiveClient {
    let socket: WebSocket | null = null;
    let status: DfLiveStatus = 'connecting';
    let attempt = 0;
    let reconnectTimer: number | null = null;
    let idleTimer: number | null = null;
    const subs: Subscription[] = [];
    const eventSubs: Array<{ cluster: string; fn: (e: DfEvent) => void }> = [];

    function setStatus(s: DfLiveStatus): void {
      status = s;
      subs.slice().forEach((sub) => {
        if (sub.onStatus) sub.onStatus(s);
      });
    }

    function send(obj: object): void {
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(obj));
    }

    function channels(): Array<{ cluster: string; view: DfView }> {
      const seen: Record<string, boolean> = {};
      const out: Array<{ cluster: string; view: DfView }> = [];
      subs.forEach((s) => {
        const k = channel(s.cluster, s.view);
        if (!seen[k]) {
          seen[k] = true;
          out.push({ cluster: s.cluster, view: s.view });
        }
      });
      return out;
    }

    function route(msg: DfServerMessage): void {
      if (msg.type === 'error') {
        if (window.console) window.console.warn('Doflamingo live: ' + msg.message);
        return;
      }
      if (msg.type === 'event') {
        // timeline events come to every socket subscribed to any view of the cluster
        eventSubs.slice().forEach((s) => {
          if (s.cluster === msg.cluster) s.fn(msg.event);
        });
        return;
      }
      const k = channel(msg.cluster, msg.view);
      subs.slice().forEach((s) => {
        if (channel(s.cluster, s.view) === k) s.onMessage(msg);
      });
    }

    function scheduleReconnect(): void {
      if (reconnectTimer !== null || subs.length === 0) return;
      const base = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, attempt));
      const delay = Math.round(base * (0.5 + Math.random() * 0.5));
      attempt++;
      setStatus('reconnecting');
      reconnectTimer = window.setTimeout(() => {
        reconnectTimer = null;
        connect();
      }, delay);
    }

    function connect(): void {
      if (socket || subs.length === 0) return;
      let ws: WebSocket;
      try {
        ws = new WebSocket(Flamingo2.view.monitoring.common.Sidecar.wsUrl());
      } catch {
        scheduleReconnect();
        return;
      }
      socket = ws;
      if (status !== 'reconnecting') setStatus('connecting');
      ws.onopen = () => {
        attempt = 0;
        setStatus('open');
        channels().forEach((c) => send({ type: 'subscribe', cluster: c.cluster, view: c.view }));
      };
      ws.onmessage = (ev: MessageEvent) => {
        let msg: DfServerMessage;
        try {
          msg = JSON.parse(String(ev.data)) as DfServerMessage;
        } catch {
          return;
        }
        route(msg);
      };
      ws.onclose = () => {
        if (socket === ws) socket = null;
        scheduleReconnect();
      };
      ws.onerror = () => {
        /* onclose follows and schedules the reconnect */
      };
    }

    function closeIfIdle(): void {
      if (idleTimer !== null) window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(() => {
        idleTimer = null;
        if (subs.length > 0) return;
        if (reconnectTimer !== null) {
          window.clearTimeout(reconnectTimer);
          reconnectTimer = null;
        }
        const ws = socket;
        socket = null;
        if (ws) ws.close(1000, 'no subscribers');
      }, IDLE_CLOSE_MS);
    }

    return {
      getStatus: () => status,
      onEvent: (cluster, fn) => {
        const sub = { cluster: cluster, fn: fn };
        eventSubs.push(sub);
        return () => {
          const i = eventSubs.indexOf(sub);
          if (i >= 0) eventSubs.splice(i, 1);
        };
      },
      subscribe: (cluster, view, onMessage, onStatus) => {
        const sub: Subscription = { cluster: cluster, view: view, onMessage: onMessage, onStatus: onStatus };
        subs.push(sub);
        if (socket && socket.readyState === WebSocket.OPEN) {
          // also when the channel is already subscribed: the server answers with a snapshot for the new panel
          send({ type: 'subscribe', cluster: cluster, view: view });
        } else {
          connect();
        }
        if (onStatus) onStatus(status);
        return () => {
          const i = subs.indexOf(sub);
          if (i < 0) return;
          subs.splice(i, 1);
          const stillUsed = subs.some((s) => channel(s.cluster, s.view) === channel(cluster, view));
          if (!stillUsed) send({ type: 'unsubscribe', cluster: cluster, view: view });
          if (subs.length === 0) closeIfIdle();
        };
      },
    };
  }

  let shared: DfLiveClient | null = null;

  Ext.define('Flamingo2.view.monitoring.common.LiveClient', {
    requires: ['Flamingo2.view.monitoring.common.Sidecar'],
    statics: {
      /** The page-wide client (created on first use). */
      shared: function (): DfLiveClient {
        if (!shared) shared = createClient();
        return shared;
      },
    },
  });
})();
