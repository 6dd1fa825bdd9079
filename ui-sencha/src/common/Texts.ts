/**
 * Texts of the module through Flamingo's bundle (`message.msg(key)`), falling back to the
 * module's English texts when the host bundle lacks a key: Flamingo's msg() returns undefined
 * for an unknown key, other hosts return the key itself; both count as missing.
 */
Ext.define('Flamingo2.view.monitoring.common.Texts', {
  singleton: true,
  requires: ['Flamingo2.view.monitoring.common.FallbackTexts'],

  t: function (key: string, args?: Array<string | number>): string {
    let text: string | undefined;
    try {
      const bundle = typeof message === 'object' && message ? message : undefined;
      const found = bundle && typeof bundle.msg === 'function' ? bundle.msg(key) : undefined;
      if (typeof found === 'string' && found !== '' && found !== key) text = found;
    } catch {
      text = undefined; // a host bundle that throws on unknown keys
    }
    if (text === undefined) {
      const fallback = Flamingo2.view.monitoring.common.FallbackTexts.en[key];
      text = fallback !== undefined ? fallback : key;
    }
    if (!args || args.length === 0) return text;
    return text.replace(/\{(\d+)\}/g, (whole: string, i: string) => {
      const v = args[Number(i)];
      return v === undefined ? whole : String(v);
    });
  },

  locale: function (): string {
    const cfg = typeof config === 'object' && config ? config : {};
    return cfg['default.locale'] || 'ko_KR';
  },
});
