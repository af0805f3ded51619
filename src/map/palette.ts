/** Colours shared by the map style and the legend, so the two never disagree. */
export const PALETTE = {
  sea: '#a9cbe0',
  neighbourLand: '#e9e5dc',
  cityLand: '#f7f4ec',
  districtLine: '#9b907f',
  planDistrictLine: '#b4552a',
  planDistrictFill: '#f2c58c',
  selectedFill: '#e0782f',
  outerRingFill: '#5b9bd5',
  s20: '#2f63a8',
  river: '#a7cbe6',
  road: '#e3a255',
  zone: '#7d3c98',
  station: '#ffffff',
  stationStroke: '#6b6b6b',
  labelHalo: '#ffffff',
  districtLabel: '#4a3f35',
  township: '#4f6f6f',
  townshipSelected: '#00897b',
} as const;

/**
 * Shanghai Metro's published line colours (the colours on station signage). Lines not listed
 * fall back to grey.
 */
export const METRO_LINE_COLOURS: Record<string, string> = {
  '1': '#e4002b',
  '2': '#97d700',
  '3': '#ffd100',
  '3-4': '#ffd100',
  '4': '#5f259f',
  '5': '#ac4fc6',
  '6': '#d71671',
  '7': '#ff6900',
  '8': '#0094d8',
  '9': '#71c5e8',
  '10': '#c1a7e2',
  '11': '#76232f',
  '12': '#007b5f',
  '13': '#ef95cf',
  '14': '#827a04',
  '15': '#bca886',
  '16': '#2cd5c4',
  '17': '#bc796f',
  '18': '#c4984f',
};
export const METRO_FALLBACK_COLOUR = '#8c8c8c';

/**
 * Label fonts: the map draws every glyph in the browser from these local families (MapLibre's
 * TinySDF path, used because the style has no `glyphs` URL), so no glyph server is needed.
 */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'];
