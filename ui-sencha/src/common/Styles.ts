/**
 * The module's palette and CSS. The CSS is injected once into the page (no extra file to install
 * into Flamingo), every class is prefixed `df-` so nothing leaks into Flamingo's own styles.
 */
(function () {
  const ok = '#1f9d55';
  const warn = '#e8a317';
  const crit = '#e03e3e';
  const unknown = '#a3acb9';

  /** Series colours: distinguishable on white, none of them reads as a state colour first. */
  const palette = ['#3274d9', '#8e5bd9', '#19a3b5', '#e0752d', '#d44a8c', '#5b8f29', '#b8860b', '#5f6b7a', '#2f4b9a', '#c25a5a'];

  const css = [
    '.df-root{background:#f3f5f8;}',
    '.df-root .x-panel-body-default{background:#f3f5f8;border-color:#e1e5eb;}',
    '.df-section-body{background:#f3f5f8;}',
    // cards
    '.df-card{background:#fff;border:1px solid #e1e5eb;border-radius:4px;box-sizing:border-box;height:100%;display:flex;flex-direction:column;overflow:hidden;}',
    '.df-card-head{display:flex;align-items:baseline;gap:8px;padding:8px 12px 2px 12px;font:600 12px/18px "Open Sans","Helvetica Neue",Arial,"Noto Sans CJK KR",sans-serif;color:#2c3542;}',
    '.df-card-title{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}',
    '.df-card-sub{font-weight:400;color:#7b8594;font-size:11px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}',
    '.df-card-state{margin-left:auto;font-weight:600;font-size:11px;white-space:nowrap;}',
    '.df-card-body{position:relative;flex:1 1 auto;min-height:0;padding:2px 8px 6px 6px;}',
    '.df-card-body canvas{display:block;}',
    '.df-empty{position:absolute;left:0;right:0;top:42%;text-align:center;color:#9aa3af;font:12px Arial,sans-serif;pointer-events:none;}',
    // health lights
    '.df-lights{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:8px;padding:0;}',
    '.df-light[data-link]{cursor:pointer;}.df-light[data-link]:hover{border-color:#b9c3d0;}',
    '.df-light{min-width:0;display:flex;align-items:center;gap:10px;background:#fff;border:1px solid #e1e5eb;border-left:4px solid ' +
      unknown +
      ';border-radius:4px;padding:8px 10px;box-sizing:border-box;cursor:default;}',
    '.df-light-dot{width:14px;height:14px;border-radius:50%;flex:0 0 14px;background:' + unknown + ';}',
    '.df-light-text{min-width:0;display:flex;flex-direction:column;}',
    '.df-light-label{font:11px/14px Arial,"Noto Sans CJK KR",sans-serif;color:#5d6775;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}',
    '.df-light-value{font:700 16px/20px "Open Sans",Arial,sans-serif;color:#2c3542;white-space:nowrap;}',
    '.df-state-ok .df-light-dot,.df-dot.df-state-ok{background:' + ok + ';box-shadow:0 0 0 3px rgba(31,157,85,.18);}',
    '.df-state-warn .df-light-dot,.df-dot.df-state-warn{background:' + warn + ';box-shadow:0 0 0 3px rgba(232,163,23,.22);}',
    '.df-state-crit .df-light-dot,.df-dot.df-state-crit{background:' + crit + ';box-shadow:0 0 0 3px rgba(224,62,62,.22);}',
    '.df-state-unknown .df-light-dot,.df-dot.df-state-unknown{background:' + unknown + ';}',
    '.df-light.df-state-ok{border-left-color:' + ok + ';}',
    '.df-light.df-state-warn{border-left-color:' + warn + ';}',
    '.df-light.df-state-crit{border-left-color:' + crit + ';background:#fff6f6;}',
    '.df-dot{display:inline-block;width:10px;height:10px;border-radius:50%;vertical-align:middle;margin-right:6px;}',
    '.df-text-ok{color:' + ok + ';}.df-text-warn{color:#b7790d;}.df-text-crit{color:' + crit + ';}.df-text-unknown{color:#7b8594;}',
    // header bar (range selector, live status)
    '.df-live{font:12px Arial,sans-serif;color:#e8eef7;white-space:nowrap;padding:0 6px;}',
    '.df-live .df-dot{width:8px;height:8px;box-shadow:none;}',
    // tiles (brokers, ZooKeeper servers)
    '.df-tiles{display:flex;flex-wrap:wrap;gap:10px;}',
    '.df-tile{flex:1 1 250px;max-width:560px;background:#fff;border:1px solid #e1e5eb;border-top:4px solid ' +
      unknown +
      ';border-radius:4px;padding:10px 12px;box-sizing:border-box;font:12px/18px Arial,"Noto Sans CJK KR",sans-serif;color:#2c3542;}',
    '.df-tile.df-state-ok{border-top-color:' +
      ok +
      ';}.df-tile.df-state-warn{border-top-color:' +
      warn +
      ';}.df-tile.df-state-crit{border-top-color:' +
      crit +
      ';background:#fff6f6;}',
    '.df-tile-head{display:flex;align-items:center;gap:8px;margin-bottom:6px;}',
    '.df-tile-name{font-weight:700;font-size:14px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}',
    '.df-role{margin-left:auto;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;padding:1px 8px;border-radius:10px;background:#eef1f5;color:#5d6775;}',
    '.df-role-leader{background:#3274d9;color:#fff;}.df-role-follower{background:#e6eefb;color:#2f5fb3;}.df-role-down{background:#fbe3e3;color:' + crit + ';}',
    '.df-kv{display:flex;justify-content:space-between;gap:8px;color:#5d6775;}',
    '.df-kv b{color:#2c3542;font-weight:600;}',
    '.df-bar{height:6px;background:#edf0f4;border-radius:3px;overflow:hidden;margin:2px 0 6px 0;}',
    '.df-bar > div{height:100%;border-radius:3px;background:' + ok + ';}',
    '.df-bar > div.df-state-warn{background:' + warn + ';}.df-bar > div.df-state-crit{background:' + crit + ';}',
    '.df-ensemble{flex:0 0 300px;max-width:300px;}',
    '.df-quorum{display:flex;align-items:center;gap:12px;font:13px Arial,sans-serif;color:#2c3542;}',
    // grids
    '.df-grid .x-grid-cell-inner{font-size:12px;}',
    '.df-cellbar{position:relative;height:14px;background:#edf0f4;border-radius:2px;overflow:hidden;}',
    '.df-cellbar > div{position:absolute;left:0;top:0;bottom:0;background:#7aa7ea;}',
    '.df-cellbar > span{position:absolute;left:6px;top:0;font-size:11px;line-height:14px;color:#1d2530;}',
    '.df-spark{display:block;}',
    '.df-name{font-family:Menlo,Consolas,monospace;font-size:12px;}',
    '.df-hint{font:11px Arial,sans-serif;color:#7b8594;padding:2px 2px 6px 2px;}',
  ].join('\n');

  let injected = false;

  const Styles: DfStyles = {
    palette: palette,
    stateColors: { ok: ok, warn: warn, crit: crit, unknown: unknown },
    colorAt: (i) => palette[((i % palette.length) + palette.length) % palette.length] || '#3274d9',
    ensure: () => {
      if (injected) return;
      injected = true;
      Ext.util.CSS.createStyleSheet(css, 'doflamingo-monitoring-css');
    },
  };

  Ext.define('Flamingo2.view.monitoring.common.Styles', Object.assign({ singleton: true }, Styles));
})();
