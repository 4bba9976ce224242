// Colours: one per layout (the same in every chart and table), and a categorical set for operations and lag
// targets. Chosen to stay distinguishable for the common colour-vision deficiencies (Okabe–Ito order).

const LAYOUT_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];
const SERIES_COLOURS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#000000',
  '#7f7f7f',
  '#8c564b',
];

export function layoutColour(index: number): string {
  return LAYOUT_COLOURS[index % LAYOUT_COLOURS.length] ?? '#000000';
}

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length] ?? '#000000';
}
