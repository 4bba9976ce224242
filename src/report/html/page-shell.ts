// The document around the sections: head with the inlined stylesheets, the body, the chart specs as JSON, and
// the inlined uPlot build and drawing script. No element refers to anything outside the file.
import type { ChartAssets } from './assets.js';
import type { ChartSpec } from './chart-spec.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { escapeHtml, jsonForScript } from './escape.js';
import { PAGE_CSS } from './styles.js';

export function pageShell(title: string, body: string, charts: ChartSpec[], assets: ChartAssets): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${assets.css}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
${body}
<script type="application/json" id="pb-charts">${jsonForScript(charts)}</script>
<script>${assets.js}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
