/**
 * Chart.js 4 (UMD build, global `Chart`) loaded on demand: Flamingo 2 does not ship it.
 * Taken from `config['doflamingo.chartjs.url']` when set, else from vendor/chart.umd.min.js next to
 * this file (copied there by ui-sencha/build.sh, installed with the panels).
 */
(function () {
  let state: 'idle' | 'loading' | 'loaded' | 'failed' = 'idle';
  const waiting: Array<() => void> = [];

  function hasChart(): boolean {
    return typeof Chart === 'function';
  }

  function scriptUrl(): string {
    const cfg = typeof config === 'object' && config ? config : {};
    const configured = cfg['doflamingo.chartjs.url'];
    if (configured) return configured;
    const self = Ext.Loader.getPath('Flamingo2.view.monitoring.common.ChartLib');
    return self.replace(/ChartLib\.js(\?.*)?$/, 'vendor/chart.umd.min.js');
  }

  function configure(): void {
    Chart.defaults.font.family = '"Open Sans","Helvetica Neue",Arial,"Noto Sans CJK KR",sans-serif';
    Chart.defaults.font.size = 11;
    Chart.defaults.color = '#5d6775';
  }

  function flush(): void {
    const fns = waiting.splice(0, waiting.length);
    fns.forEach((fn) => fn());
  }

  const ChartLib: DfChartLib = {
    isLoaded: () => hasChart(),
    ready: (fn) => {
      if (hasChart()) {
        if (state !== 'loaded') {
          state = 'loaded';
          configure();
        }
        fn();
        return;
      }
      waiting.push(fn);
      if (state === 'loading') return;
      state = 'loading';
      const el = document.createElement('script');
      el.src = scriptUrl();
      el.async = true;
      el.onload = () => {
        state = hasChart() ? 'loaded' : 'failed';
        if (state === 'loaded') {
          configure();
          flush();
        }
      };
      el.onerror = () => {
        state = 'failed';
        if (window.console) window.console.error('Doflamingo: could not load Chart.js from ' + el.src);
      };
      document.head.appendChild(el);
    },
  };

  Ext.define('Flamingo2.view.monitoring.common.ChartLib', Object.assign({ singleton: true }, ChartLib));
})();
