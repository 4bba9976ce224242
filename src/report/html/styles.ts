// The page's own stylesheet (uPlot's is inlined beside it): readable tables, charts in a responsive grid, the
// shaded phase and fault bands, the waterfall's bars. System fonts only: nothing to fetch.
export const PAGE_CSS = `
:root { --fg: #1b1f24; --muted: #5b6470; --line: #d8dde3; --bad: #b42318; --ok: #067647; --warn: #8a5a00;
  --phase: rgba(100, 116, 139, 0.10); --fault: rgba(214, 40, 40, 0.16); }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0;
  padding: 16px 24px 48px; max-width: 1600px; margin-inline: auto; }
h1 { font-size: 22px; margin: 0 0 4px; } h1 small { color: var(--muted); font-weight: 400; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; } h4 { font-size: 13px; margin: 0 0 4px; }
.meta, .legend, figcaption { color: var(--muted); font-size: 12px; }
nav { margin: 8px 0; font-size: 13px; } nav a { color: #0b5cad; text-decoration: none; }
.callout { border-left: 4px solid; padding: 8px 12px; margin: 10px 0; border-radius: 4px; }
.callout.warn { border-color: #e69f00; background: #fff7e6; }
.callout.bad { border-color: var(--bad); background: #fdecea; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #f4f6f8; font-weight: 600; } th.group { text-align: center; border-left: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
caption { text-align: left; color: var(--muted); font-size: 12px; padding: 4px 0; }
.bad { color: var(--bad); } .warn { color: var(--warn); }
.badge { font-weight: 600; white-space: nowrap; } .badge.ok { color: var(--ok); } .badge.bad { color: var(--bad); }
.tag { font-size: 11px; background: #eef1f4; border-radius: 3px; padding: 0 4px; color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 16px; margin: 8px 0; }
.grid.wide { grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); }
.grid.per-layout { grid-template-columns: repeat(var(--cols, 2), minmax(0, 1fr)); }
@media (max-width: 900px) { .grid.per-layout { grid-template-columns: minmax(0, 1fr); } }
.uplot .u-legend { font-size: 11px; line-height: 1.3; text-align: left; margin: 2px 0 0 56px; }
.uplot .u-legend th { font-weight: 400; } .uplot .u-legend .u-series { padding: 0 8px 0 0; }
.uplot .u-legend .u-series > * { padding: 0 1px; } .uplot .u-legend .u-value { color: var(--muted); }
.uplot .u-legend .u-marker { width: 9px; height: 9px; margin-right: 3px; }
figure { margin: 0; min-width: 0; } .chart-area { width: 100%; min-height: 240px; }
.pb-shade { position: absolute; top: 0; bottom: 0; pointer-events: none; overflow: hidden; }
.pb-shade span { position: absolute; top: 2px; left: 3px; font-size: 10px; color: var(--muted); white-space: nowrap; }
.pb-shade-phase { background: var(--phase); border-left: 1px dashed #94a3b8; }
.pb-shade-phase:nth-child(even) { background: transparent; }
.pb-shade-fault { background: var(--fault); border-left: 1px solid #d62828; border-right: 1px solid #d62828; }
.pb-shade-fault span { top: 14px; color: var(--bad); }
.swatch { display: inline-block; width: 12px; height: 10px; vertical-align: middle; border: 1px solid #94a3b8; }
.swatch.phase { background: var(--phase); } .swatch.fault { background: var(--fault); border-color: #d62828; }
.swatch.critical { background: #1f3b73; } .swatch.call { background: #9db7e0; } .swatch.relay { background: #e6b35c; }
.waterfall { font-size: 12px; }
.wf-row { display: grid; grid-template-columns: 210px minmax(0, 1fr) 64px; gap: 6px; align-items: center;
  min-height: 18px; }
.wf-label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.wf-call .wf-label { padding-left: 14px; color: var(--muted); }
.wf-heading { display: block; color: var(--muted); margin-top: 6px; font-style: italic; }
.wf-track { position: relative; height: 14px; background: #f7f8fa; }
.wf-bar { position: absolute; top: 2px; bottom: 2px; min-width: 2px; background: #9db7e0; border-radius: 2px; }
.wf-bar.step { background: #cbd5e1; top: 0; bottom: 0; } .wf-bar.step.error { background: #f3b4ae; }
.wf-bar.critical { background: #1f3b73; } .wf-bar.failed { background: var(--bad); }
.wf-bar.relay, .wf-bar.probe { background: #e6b35c; }
.wf-marker { position: absolute; top: 0; bottom: 0; width: 0; }
.wf-marker.applied::before { content: "◆"; position: absolute; left: -5px; top: -3px; color: #009e73; }
.wf-marker.visible { border-left: 3px solid #cc79a7; }
.wf-dur { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.wf-axis { position: relative; height: 14px; color: var(--muted); font-size: 10px; }
.wf-axis span { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.wf-axis span:first-child { transform: none; } .wf-axis span:last-child { transform: translateX(-100%); }
.wf-axis-row .wf-track { background: none; }
pre { background: #f6f8fa; padding: 8px; overflow: auto; font-size: 12px; max-height: 480px; }
ul.errors code { white-space: pre-wrap; }
`;
