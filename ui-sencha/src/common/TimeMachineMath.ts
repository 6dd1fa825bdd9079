/**
 * Pure helpers of the time machine: window lengths typed by people ("45m", "2h", "1d12h"),
 * the window around an instant (never past now), local time stamps and comparison offsets.
 */
(function () {
  const UNIT_MS: Record<string, number> = { s: 1e3, m: 60e3, min: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };
  const MAX_WINDOW_MS = 30 * 86400e3;
  const MIN_WINDOW_MS = 60e3;

  function pad(n: number): string {
    return n < 10 ? '0' + n : String(n);
  }

  const TimeMachineMath: DfTimeMachineMath = {
    WINDOWS: [
      ['15m', 15 * 60e3],
      ['1h', 3600e3],
      ['6h', 6 * 3600e3],
      ['24h', 24 * 3600e3],
      ['7d', 7 * 86400e3],
    ],
    MAX_WINDOW_MS: MAX_WINDOW_MS,

    parseWindow: (text) => {
      const s = String(text || '')
        .trim()
        .toLowerCase()
        .replace(/\s+/g, '');
      if (!/^(\d{1,4}(min|s|m|h|d|w))+$/.test(s)) return null;
      let ms = 0;
      s.replace(/(\d{1,4})(min|s|m|h|d|w)/g, (_all: string, n: string, u: string) => {
        ms += Number(n) * (UNIT_MS[u] || 0);
        return '';
      });
      return ms >= MIN_WINDOW_MS && ms <= MAX_WINDOW_MS ? ms : null;
    },

    windowLabel: (ms) => {
      const parts: string[] = [];
      let rest = Math.round(ms / 60e3);
      const d = Math.floor(rest / 1440);
      rest -= d * 1440;
      const h = Math.floor(rest / 60);
      const m = rest - h * 60;
      if (d) parts.push(d + 'd');
      if (h) parts.push(h + 'h');
      if (m || parts.length === 0) parts.push(m + 'm');
      return parts.join('');
    },

    windowAround: (at, windowMs, now) => {
      const to = Math.min(now, at + windowMs / 2);
      return { from: Math.round(to - windowMs), to: Math.round(to) };
    },

    stamp: (ts, withSeconds) => {
      const d = new Date(ts);
      const date = d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
      return date + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + (withSeconds ? ':' + pad(d.getSeconds()) : '');
    },

    compareOffset: (choice, to, now) => {
      switch (choice) {
        case 'now':
          return to - now; // the latest window, shifted back onto this one
        case '1h':
          return 3600e3;
        case '1d':
          return 86400e3;
        case '1w':
          return 7 * 86400e3;
        default:
          return 0;
      }
    },
  };

  Ext.define('Flamingo2.view.monitoring.common.TimeMachineMath', Object.assign({ singleton: true }, TimeMachineMath));
})();
