/**
 * The place search's strings.
 * `en` has exactly the keys of `zh` (a missing or extra one is a type error).
 */
const zh = {
  srch_label: '搜索地点',
  srch_placeholder: '搜索区、街道镇、重点区域、地铁站、站点、底图名称（中文、拼音、英文）  /',
  srch_loading: '正在准备搜索…',
  srch_none: '没有找到“{query}”',
  srch_sitesNoPinyin: '站点超过 {limit} 个：站点按名称和编号查找，不按拼音',
  srch_kind_district: '区',
  srch_kind_township: '街道 / 镇',
  srch_kind_zone: '重点区域',
  srch_kind_station: '地铁站',
  srch_kind_site: '本情景站点',
  srch_kind_basemap: '底图名称',
};

const en: Record<keyof typeof zh, string> = {
  srch_label: 'Search places',
  srch_placeholder: 'Search districts, townships, key zones, metro stations, sites, base-map names (Chinese, pinyin, English)  /',
  srch_loading: 'Preparing search…',
  srch_none: 'Nothing found for “{query}”',
  srch_sitesNoPinyin: 'Over {limit} sites: sites are found by name and id, not by pinyin',
  srch_kind_district: 'Districts',
  srch_kind_township: 'Townships',
  srch_kind_zone: 'Key zones',
  srch_kind_station: 'Metro stations',
  srch_kind_site: "This scenario's sites",
  srch_kind_basemap: 'Base-map names',
};

export const searchStrings = { zh, en };
