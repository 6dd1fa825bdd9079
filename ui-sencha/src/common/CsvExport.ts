/**
 * CSV of what the charts of a tab show: one row per point (time, chart, series, value).
 * RFC 4180 quoting (CRLF, quotes doubled), a UTF-8 BOM so spreadsheet programs read Korean
 * right, and a guard against CSV injection: a text cell that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) gets a leading apostrophe. Series names come from the cluster
 * (topics, groups, client ids): they are only ever cells.
 */
(function () {
  const FORMULA_START = /^[=+\-@\t\r]/;
  const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

  function textCell(v: string): string {
    let s = String(v);
    if (FORMULA_START.test(s)) s = "'" + s;
    return NEEDS_QUOTES.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function numberCell(v: number): string {
    return typeof v === 'number' && isFinite(v) ? String(v) : '';
  }

  const CsvExport: DfCsvExport = {
    textCell: textCell,

    build: (rows) => {
      const lines = ['time,chart,series,value'];
      rows.forEach((r) => {
        lines.push([new Date(r.time).toISOString(), textCell(r.chart), textCell(r.series), numberCell(r.value)].join(','));
      });
      return '\uFEFF' + lines.join('\r\n') + '\r\n';
    },

    rows: (charts) => {
      const out: DfCsvRow[] = [];
      charts.forEach((c) => {
        c.datasets.forEach((d) => {
          if (d.dfThreshold) return;
          d.data.forEach((p) => out.push({ time: p.x, chart: c.title, series: d.label, value: p.y }));
        });
      });
      return out;
    },

    fileName: (parts) => {
      const clean = parts
        .map((p) =>
          String(p)
            .replace(/[^A-Za-z0-9_.-]+/g, '-')
            .replace(/^[-.]+|[-.]+$/g, ''),
        )
        .filter((p) => p !== '');
      return ['doflamingo'].concat(clean).join('-').slice(0, 120) + '.csv';
    },

    download: (name, text) => {
      const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.style.display = 'none';
      document.body.appendChild(a);
      a.click();
      window.setTimeout(() => {
        document.body.removeChild(a);
        URL.revokeObjectURL(url);
      }, 1000);
    },
  };

  Ext.define('Flamingo2.view.monitoring.common.CsvExport', Object.assign({ singleton: true }, CsvExport));
})();
