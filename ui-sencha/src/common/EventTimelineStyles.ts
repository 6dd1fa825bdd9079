/**
 * CSS of the event timeline and the alert rules grid, injected once next to common/Styles.ts's
 * (prefixed `df-`, nothing leaks into Flamingo's own styles).
 */
(function () {
  const css = [
    '.df-evpanel .x-panel-body-default{background:#f3f5f8;}',
    '.df-evchart .df-card-body{user-select:none;}',
    '.df-evchart canvas{cursor:crosshair;}',
    '.df-evsel{position:absolute;display:none;background:rgba(50,116,217,.14);border-left:1px solid #3274d9;border-right:1px solid #3274d9;pointer-events:none;}',
    '.df-evchart-hint{font-weight:400;color:#9aa3af;}',
    '.df-sev{display:inline-flex;align-items:center;gap:6px;font-weight:600;}',
    '.df-sev .df-dot{margin-right:0;}',
    '.df-sev-critical{color:#c62f2f;}.df-sev-warning{color:#a86f0b;}.df-sev-info{color:#2a62b8;}.df-sev-other{color:#5d6775;}',
    '.df-kind{display:inline-block;padding:0 7px;border-radius:9px;background:#eef1f5;color:#3b4452;font-size:11px;line-height:17px;white-space:nowrap;}',
    '.df-evgrid .x-grid-row{cursor:pointer;}',
    '.df-evgrid .x-grid-cell-inner{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}',
    '.df-tbar-label{font:12px Arial,"Noto Sans CJK KR",sans-serif;color:#5d6775;}',
    // alert rules
    '.df-rules .x-grid-group-title{font-weight:700;color:#2c3542;}',
    '.df-rules .x-grid-cell-inner{font-size:12px;}',
    '.df-rule-name{font-weight:600;color:#2c3542;}',
    '.df-rule-custom{display:inline-block;margin-left:6px;padding:0 6px;border-radius:8px;background:#e6eefb;color:#2f5fb3;font-size:10px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;}',
    '.df-rule-modified{display:inline-block;padding:0 6px;border-radius:8px;background:#fdf1dc;color:#a86f0b;font-size:10px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;}',
    '.df-rule-edit{border-bottom:1px dashed #b9c3d0;cursor:text;padding:0 2px;}',
    '.df-rule-off{color:#9aa3af;}',
    '.df-rule-link{color:#3274d9;cursor:pointer;text-decoration:none;margin-left:6px;}',
    '.df-rule-link:hover{text-decoration:underline;}',
    '.df-check{display:inline-block;width:30px;height:16px;border-radius:8px;background:#c9d0da;position:relative;vertical-align:middle;cursor:pointer;transition:background .15s;}',
    '.df-check::after{content:"";position:absolute;left:2px;top:2px;width:12px;height:12px;border-radius:50%;background:#fff;transition:left .15s;}',
    '.df-check.df-on{background:#1f9d55;}.df-check.df-on::after{left:16px;}',
    '.df-banner{font:12px/18px Arial,"Noto Sans CJK KR",sans-serif;padding:7px 12px;border-radius:4px;margin:0 0 8px 0;}',
    '.df-banner-error{background:#fdecec;border:1px solid #f3b7b7;color:#a32020;}',
    '.df-banner-ok{background:#e8f6ee;border:1px solid #b5e0c6;color:#17693b;}',
    '.df-banner-info{background:#eef3fb;border:1px solid #cbd9f0;color:#2f4b7a;}',
  ].join('\n');

  let injected = false;

  Ext.define('Flamingo2.view.monitoring.common.EventTimelineStyles', {
    singleton: true,
    ensure: function () {
      if (injected) return;
      injected = true;
      Ext.util.CSS.createStyleSheet(css, 'doflamingo-events-css');
    },
  });
})();
