/**
 * The tile server panel's strings.
 * `en` has exactly the keys of `zh` (a missing or extra one is a type error).
 */
const zh = {
  tiles_title: '底图瓦片',
  tiles_note: '使用单位自己的瓦片服务（XYZ / 天地图等）作底图；只向此处填写的地址请求瓦片。',
  tiles_template: '瓦片地址模板',
  tiles_templateHint: '含 {z}、{x}、{y}（或 TMS 的 {-y}），如 https://tiles.example.gov.cn/{z}/{x}/{y}.png',
  tiles_crs: '瓦片坐标系',
  tiles_crs_wgs84: 'WGS-84 / CGCS2000（天地图等）',
  tiles_crs_gcj02: 'GCJ-02（高德、腾讯等）',
  tiles_crsNote: 'GCJ-02 瓦片在上海约偏 500 m：本图把每块瓦片移到 WGS-84 位置显示（误差 < 1 像素），计算与导出仍用 WGS-84。',
  tiles_attribution: '版权说明',
  tiles_minzoom: '最小级别',
  tiles_maxzoom: '最大级别',
  tiles_apply: '使用此瓦片',
  tiles_remove: '移除',
  tiles_visible: '显示瓦片',
  tiles_opacity: '不透明度',
  tiles_current: '正在使用：{origin}（{crs}）',
  tiles_problem_notHttp: '地址须以 http:// 或 https:// 开头',
  tiles_problem_placeholder: '地址须含 {z}、{x} 和 {y}（或 {-y}）',
  tiles_problem_badUrl: '不是有效的网址',
  tiles_problem_zoom: '最小级别不能大于最大级别',
};

const en: Record<keyof typeof zh, string> = {
  tiles_title: 'Base map tiles',
  tiles_note: "Use your office's tile server (XYZ, Tianditu, …) as the base map; tiles are requested only from the address given here.",
  tiles_template: 'Tile URL template',
  tiles_templateHint: 'With {z}, {x}, {y} (or TMS {-y}), e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png',
  tiles_crs: "Tiles' coordinate system",
  tiles_crs_wgs84: 'WGS-84 / CGCS2000 (Tianditu, …)',
  tiles_crs_gcj02: 'GCJ-02 (AMap, Tencent, …)',
  tiles_crsNote: 'GCJ-02 tiles are ~500 m off in Shanghai: each tile is moved to its WGS-84 place (within 1 pixel); computing and export stay WGS-84.',
  tiles_attribution: 'Attribution',
  tiles_minzoom: 'Min zoom',
  tiles_maxzoom: 'Max zoom',
  tiles_apply: 'Use these tiles',
  tiles_remove: 'Remove',
  tiles_visible: 'Show tiles',
  tiles_opacity: 'Opacity',
  tiles_current: 'In use: {origin} ({crs})',
  tiles_problem_notHttp: 'The address must start with http:// or https://',
  tiles_problem_placeholder: 'The address must contain {z}, {x} and {y} (or {-y})',
  tiles_problem_badUrl: 'Not a valid URL',
  tiles_problem_zoom: 'Min zoom must not exceed max zoom',
};

export const tileStrings = { zh, en };
