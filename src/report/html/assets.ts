// The chart library the page inlines: uPlot's minified browser build and its stylesheet, read from the installed
// package at render time, so the page needs no network and always carries the version package.json pins.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export interface ChartAssets {
  /** uPlot's IIFE build: defines the global `uPlot`. */
  js: string;
  css: string;
}

const require = createRequire(import.meta.url);
let cached: Promise<ChartAssets> | null = null;

async function read(): Promise<ChartAssets> {
  const [js, css] = await Promise.all([
    readFile(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    readFile(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
  ]);
  // Inlined inside <script>/<style>: a closing tag in the library text would end the element early.
  if (/<\/script/i.test(js) || /<\/style/i.test(css)) throw new Error('uPlot assets contain a closing tag');
  return { js, css };
}

/** Read once per process: every report written by this process inlines the same files. */
export function loadChartAssets(): Promise<ChartAssets> {
  cached ??= read().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
