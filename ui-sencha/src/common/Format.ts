/** Numbers for people: bytes, rates, durations, times. Pure functions. */
(function () {
  function trim(n: number, digits: number): string {
    const s = n.toFixed(digits);
    return s.indexOf('.') >= 0 ? s.replace(/\.?0+$/, '') : s;
  }

  function scaled(v: number, base: number, units: string[]): string {
    if (!isFinite(v)) return '–';
    const neg = v < 0;
    let x = Math.abs(v);
    let i = 0;
    while (x >= base && i < units.length - 1) {
      x /= base;
      i++;
    }
    const digits = x >= 100 || i === 0 ? 0 : x >= 10 ? 1 : 2;
    return (neg ? '-' : '') + trim(x, i === 0 && x < 10 && x !== Math.floor(x) ? 2 : digits) + units[i];
  }

  function pad(n: number): string {
    return n < 10 ? '0' + n : String(n);
  }

  const Format: DfFormat = {
    bytes: (v) => scaled(v, 1024, [' B', ' KiB', ' MiB', ' GiB', ' TiB', ' PiB']),
    bytesRate: (v) => scaled(v, 1024, [' B/s', ' KiB/s', ' MiB/s', ' GiB/s', ' TiB/s']),
    count: (v) => scaled(v, 1000, ['', 'k', 'M', 'G', 'T']),
    perSecond: (v) => scaled(v, 1000, ['/s', 'k/s', 'M/s', 'G/s']),
    ms: (v) => {
      if (!isFinite(v)) return '–';
      if (Math.abs(v) >= 1000) return trim(v / 1000, 2) + ' s';
      return trim(v, Math.abs(v) >= 10 ? 0 : 2) + ' ms';
    },
    ratio: (v) => (isFinite(v) ? trim(v * 100, Math.abs(v) >= 0.1 ? 0 : 1) + '%' : '–'),
    byUnit: (unit) => {
      switch (unit) {
        case 'bytes':
          return Format.bytes;
        case 'bytes/s':
          return Format.bytesRate;
        case 'ms':
          return Format.ms;
        case 'ratio':
          return Format.ratio;
        case '1/s':
        case 'messages/s':
        case 'records/s':
        case 'requests/s':
        case 'fetches/s':
        case 'commits/s':
          return Format.perSecond;
        default:
          return Format.count;
      }
    },
    time: (ts, spanMs) => {
      const d = new Date(ts);
      const hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
      if (spanMs <= 10 * 60 * 1000) return hm + ':' + pad(d.getSeconds());
      if (spanMs <= 24 * 3600 * 1000) return hm;
      return pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + hm;
    },
    ago: (ts, now) => {
      const s = Math.max(0, Math.round(((now === undefined ? Date.now() : now) - ts) / 1000));
      if (s < 60) return s + ' s';
      if (s < 3600) return Math.round(s / 60) + ' min';
      if (s < 86400) return trim(s / 3600, 1) + ' h';
      return trim(s / 86400, 1) + ' d';
    },
  };

  Ext.define('Flamingo2.view.monitoring.common.Format', Object.assign({ singleton: true }, Format));
})();
