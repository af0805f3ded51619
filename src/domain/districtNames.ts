/**
 * A Shanghai district named as people type it: its adcode (310112), its Chinese name whole or short
 * (闵行区, 闵行; 浦东新区, 浦东), its English name (Minhang District, Minhang; Pudong New
 * District, Pudong New Area, Pudong) or its pinyin, in any case, with or without spaces, hyphens and
 * apostrophes (Jing'an, jingan, jing-an).
 */
export interface DistrictNames {
  adcode: string;
  name: string;
  name_en: string;
  name_pinyin: string;
}

/**
 * Shanghai's 16 districts (GB/T 2260 codes, as public/data/districts.geojson names them; the test
 * holds the two equal): for readers that name a district without the districts file at hand (a
 * township file's 所属区 column in the import worker).
 */
export const SHANGHAI_DISTRICTS: readonly DistrictNames[] = [
  ['310101', '黄浦区', 'Huangpu District', 'Huangpu'],
  ['310104', '徐汇区', 'Xuhui District', 'Xuhui'],
  ['310105', '长宁区', 'Changning District', 'Changning'],
  ['310106', '静安区', "Jing'an District", "Jing'an"],
  ['310107', '普陀区', 'Putuo District', 'Putuo'],
  ['310109', '虹口区', 'Hongkou District', 'Hongkou'],
  ['310110', '杨浦区', 'Yangpu District', 'Yangpu'],
  ['310112', '闵行区', 'Minhang District', 'Minhang'],
  ['310113', '宝山区', 'Baoshan District', 'Baoshan'],
  ['310114', '嘉定区', 'Jiading District', 'Jiading'],
  ['310115', '浦东新区', 'Pudong New District', 'Pudong'],
  ['310116', '金山区', 'Jinshan District', 'Jinshan'],
  ['310117', '松江区', 'Songjiang District', 'Songjiang'],
  ['310118', '青浦区', 'Qingpu District', 'Qingpu'],
  ['310120', '奉贤区', 'Fengxian District', 'Fengxian'],
  ['310151', '崇明区', 'Chongming District', 'Chongming'],
].map(([adcode, name, name_en, name_pinyin]) => ({ adcode: adcode!, name: name!, name_en: name_en!, name_pinyin: name_pinyin! }));

/** The form a name is compared in: the district's suffix dropped (区, 新区; District, New District, New Area), no case or separators. */
export function districtKey(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\s+(new\s+)?(district|area)$/, '')
    .replace(/新?区$/, '')
    .replace(/['’\-\s]/g, '');
}

/** The district `text` names among `all`, or undefined. */
export function findDistrict<D extends DistrictNames>(text: string, all: readonly D[]): D | undefined {
  const key = districtKey(text);
  if (key === '') return undefined;
  return all.find((d) => [d.adcode, d.name, d.name_en, d.name_pinyin].some((n) => districtKey(n) === key));
}
