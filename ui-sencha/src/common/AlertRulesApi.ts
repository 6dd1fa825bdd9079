/**
 * Alert rule writes to the sidecar (`/api/v1/admin/...`, admin token). The admin token NEVER comes
 * from Flamingo's config (the browser sees all of it): the first write asks for it in a password
 * dialog and it is kept in this page's memory only (a closure variable: not in config, storage or
 * cookies). A 401 forgets it, so the next write asks again.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);

  let adminToken: string | null = null;
  let asking: Promise<string | null> | null = null;

  interface Field extends Ext.Component {
    getValue(): string;
    focus(select?: boolean, delay?: number): void;
  }
  interface Win extends Ext.Container {
    close(): void;
  }

  function apiError(status: number, body: unknown): DfApiError {
    const err = body && typeof body === 'object' ? (body as { error?: { message?: unknown; code?: unknown; param?: unknown } }).error : undefined;
    const message = err && typeof err.message === 'string' ? err.message : 'HTTP ' + status;
    const e = new Error(message) as DfApiError;
    e.status = status;
    if (err && typeof err.code === 'string') e.code = err.code;
    if (err && typeof err.param === 'string') e.param = err.param;
    return e;
  }

  function send<T>(method: string, path: string, token: string, body?: object): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: 'Bearer ' + token };
    if (body) headers['Content-Type'] = 'application/json';
    const url = ns().Sidecar.baseUrl() + '/api/v1/admin' + path;
    return fetch(url, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined, credentials: 'omit' }).then((res) =>
      res.text().then((text) => {
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = null;
        }
        if (!res.ok) throw apiError(res.status, parsed);
        return parsed as T;
      }),
    );
  }

  function dialog(): Promise<string | null> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (value: string | null) => {
        if (done) return;
        done = true;
        resolve(value);
        if (!win.isDestroyed) win.close();
      };
      const submit = () => {
        const field = win.down<Field>('#token');
        const v = field ? String(field.getValue() || '').trim() : '';
        if (v) finish(v);
      };
      const win = Ext.create<Win>('Ext.window.Window', {
        title: enc(t('monitoring.kafka.common.rules.token.title')),
        cls: 'df-token-dialog',
        modal: true,
        width: 420,
        bodyPadding: 14,
        layout: 'anchor',
        closeAction: 'destroy',
        items: [
          { xtype: 'component', cls: 'df-hint', html: enc(t('monitoring.kafka.common.rules.token.text')), margin: '0 0 10 0' },
          {
            xtype: 'textfield',
            itemId: 'token',
            inputType: 'password',
            anchor: '100%',
            fieldLabel: enc(t('monitoring.kafka.common.rules.token.field')),
            labelWidth: 100,
            listeners: {
              specialkey: (_f: unknown, e: { getKey(): number; ENTER: number }) => {
                if (e.getKey() === e.ENTER) submit();
              },
            },
          },
        ],
        buttons: [
          { text: enc(t('monitoring.kafka.common.rules.token.ok')), itemId: 'ok', handler: submit },
          { text: enc(t('monitoring.kafka.common.rules.token.cancel')), itemId: 'cancel', handler: () => finish(null) },
        ],
        listeners: { close: () => finish(null) },
      });
      win.show();
      const field = win.down<Field>('#token');
      if (field) field.focus(false, 100);
    });
  }

  const Api: DfAlertRulesApi = {
    hasToken: () => adminToken !== null,
    forgetToken: () => {
      adminToken = null;
    },
    askToken: () => {
      if (!asking) {
        asking = dialog().then((v) => {
          asking = null;
          if (v) adminToken = v;
          return v;
        });
      }
      return asking;
    },
    write: <T>(method: 'PUT' | 'POST' | 'DELETE', path: string, body?: object): Promise<T> => {
      const withToken = adminToken !== null ? Promise.resolve<string | null>(adminToken) : Api.askToken();
      return withToken.then((token) => {
        if (!token) {
          const e = new Error('cancelled') as DfApiError;
          e.status = 0;
          e.code = 'CANCELLED';
          throw e;
        }
        return send<T>(method, path, token, body).catch((err: DfApiError) => {
          if (err.status === 401) adminToken = null;
          throw err;
        });
      });
    },
    errorText: (err) => {
      const e = err as DfApiError;
      if (e.status === 401) return t('monitoring.kafka.common.rules.error.token', [e.message]);
      if (e.status === 403) return t('monitoring.kafka.common.rules.error.disabled', [e.message]);
      return t('monitoring.kafka.common.rules.error', [e.message]);
    },
  };

  Ext.define(
    'Flamingo2.view.monitoring.common.AlertRulesApi',
    Object.assign(
      {
        singleton: true,
        requires: ['Ext.window.Window', 'Ext.form.field.Text', 'Flamingo2.view.monitoring.common.Sidecar', 'Flamingo2.view.monitoring.common.Texts'],
      },
      Api,
    ),
  );
})();
