/**
 * Where the Doflamingo sidecar is and how to ask it: Flamingo exposes
 * `config['doflamingo.sidecar.url']` (e.g. http://kafka-mon:8787; empty = same origin as the page)
 * and `config['doflamingo.sidecar.token']` (the READ token; never the admin token).
 */
(function () {
  function cfg(key: string): string {
    const c = typeof config === 'object' && config ? config : {};
    const v = c[key];
    return typeof v === 'string' ? v.trim() : '';
  }

  function errorText(status: number, body: unknown): string {
    const err = body && typeof body === 'object' ? (body as { error?: { message?: unknown } }).error : undefined;
    if (err && typeof err.message === 'string') return err.message;
    return 'HTTP ' + status;
  }

  const Sidecar: DfSidecar = {
    baseUrl: () => cfg('doflamingo.sidecar.url').replace(/\/+$/, ''),
    token: () => cfg('doflamingo.sidecar.token'),
    wsUrl: () => {
      const base = Sidecar.baseUrl();
      const origin = base ? base.replace(/^http/i, 'ws') : (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host;
      const token = Sidecar.token();
      return origin + '/api/v1/ws' + (token ? '?token=' + encodeURIComponent(token) : '');
    },
    get: <T>(path: string, params?: Array<[string, string | number]>): Promise<T> => {
      const query = (params || []).map((p) => encodeURIComponent(p[0]) + '=' + encodeURIComponent(String(p[1]))).join('&');
      const url = Sidecar.baseUrl() + '/api/v1' + path + (query ? '?' + query : '');
      const headers: Record<string, string> = { Accept: 'application/json' };
      const token = Sidecar.token();
      if (token) headers['Authorization'] = 'Bearer ' + token;
      return fetch(url, { headers: headers, credentials: 'omit' }).then((res) =>
        res.text().then((text) => {
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            body = null;
          }
          if (!res.ok) throw new Error(errorText(res.status, body));
          return body as T;
        }),
      );
    },
  };

  Ext.define('Flamingo2.view.monitoring.common.Sidecar', Object.assign({ singleton: true }, Sidecar));
})();
