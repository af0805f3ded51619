/**
 * The read-only embed's own strings (src/embed).
 * `en` has exactly the keys of `zh` (a missing or extra one is a type error); `{name}` marks a
 * parameter, filled by `t(key, { name })`.
 */
const zh = {
  shr_embedTag: '只读嵌入',
  shr_openFullMap: '在完整地图中打开 ↗',
  shr_backToCity: '返回全市',
  shr_unnamedScenario: '未命名情景',
};

const en: Record<keyof typeof zh, string> = {
  shr_embedTag: 'read-only embed',
  shr_openFullMap: 'Open in the full map ↗',
  shr_backToCity: 'Back to the city',
  shr_unnamedScenario: 'Unnamed scenario',
};

export const embedStrings = { zh, en };
