/**
 * Key zones named by the district plans (public/data/zones.geojson).
 *
 * Real geometry is used where the shipped data has it (Chongming's island parts, the 大宁路街道
 * township polygon). Everything else is an honest APPROXIMATE polygon: a box, rectangle, circle or
 * buffered path written below as readable data, each with the basis it was drawn from, then clipped
 * to its district polygon with turf.intersect so that it lies inside the district.
 *
 * All positions are WGS-84. Positions read off Chinese web maps are GCJ-02 and ~500 m off, so the
 * definitions below are anchored on the shipped OSM / converted data instead: metro stations
 * (shanghai_metro_stations_408_mit.geojson), district and township polygons, and the anchor points
 * in zone_anchor_points_partial.geojson. Where no anchor exists the basis says "low confidence".
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { ellipsoidalAreaKm2 } from './common.ts';

export type Precision = 'exact' | 'derived' | 'approximate';

type LonLat = [number, number];

export type Shape =
  /** Longitude/latitude box. */
  | { kind: 'box'; west: number; south: number; east: number; north: number }
  /** Axis-aligned rectangle of the given size in km around a centre. */
  | { kind: 'rect'; center: LonLat; widthKm: number; heightKm: number }
  /** Circle (64-gon) of the given radius. */
  | { kind: 'circle'; center: LonLat; radiusKm: number }
  /** A polyline buffered by halfWidthKm on each side. */
  | { kind: 'corridor'; path: LonLat[]; halfWidthKm: number }
  /** A hand-drawn ring (closed automatically). */
  | { kind: 'polygon'; ring: LonLat[] }
  /** Union of shapes. */
  | { kind: 'union'; parts: Shape[] }
  /** The strip of the zone's district within distanceKm of another district (e.g. across a river). */
  | { kind: 'alongDistrict'; otherAdcode: string; distanceKm: number }
  /** The part of the district's MultiPolygon that contains the anchor point. */
  | { kind: 'districtPart'; anchor: LonLat }
  /** A township polygon from shanghai_townships_subset8_osm.geojson, by name. */
  | { kind: 'township'; name: string };

export type ZoneDefinition = {
  id: string;
  name: string;
  name_en: string;
  district: string;
  precision: Precision;
  shape: Shape;
  basis: string;
  basis_en: string;
};

// Anchors from the shipped data (WGS-84), named so the definitions below read as sentences.
// Metro stations: shanghai_metro_stations_408_mit.geojson.
const STN = {
  hongqiaoRailwayStation: [121.314428, 31.195985], // 虹桥火车站 (2/10/17)
  dongchuanRoad: [121.415269, 31.02015], // 东川路 (5)
  zizhuHighTechPark: [121.44664, 31.025178], // 紫竹高新区 (15)
  minhangDevZone: [121.365105, 31.00261], // 闵行开发区 (5)
  wujiaochang: [121.51023, 31.300063], // 五角场 (10)
  dalianRoad: [121.508686, 31.259978], // 大连路 (4/12)
  jiangpuPark: [121.519326, 31.266627], // 江浦公园 (12/18)
  ningguoRoad: [121.528015, 31.270658], // 宁国路 (12)
  longchangRoad: [121.540394, 31.277324], // 隆昌路 (12)
  wenshuiRoad: [121.445644, 31.294403], // 汶水路 (1)
  jinganTemple: [121.441918, 31.225097], // 静安寺 (2/7/14)
  nanjingWestRoad: [121.455396, 31.23174], // 南京西路 (2/12/13)
  jinhaiLake: [121.488049, 30.930964], // 金海湖 (5)
} as const satisfies Record<string, LonLat>;
// Island anchors: zone_anchor_points_partial.geojson (representative points of the island parts).
const ANCHOR = {
  changxingIsland: [121.687823, 31.405446],
  hengshaIsland: [121.853872, 31.339859],
} as const satisfies Record<string, LonLat>;

export const ZONE_DEFINITIONS: ZoneDefinition[] = [
  // ---------------------------------------------------------------- Minhang 310112
  {
    // 2019 announcement (上海发布, 2019-07-30): ~15.7 km², 10.8 industrial + 4.9 application area;
    // bounds 元江路/铁路河 (N), 昆阳路/北沙港 (E), 江川路/黄浦江 (S), 茜浦泾/女儿泾/水富路 (W).
    // Those roads and creeks are not in the shipped data, so the ring only estimates them:
    // - south-east: 江川路 taken at ~31.004 east of 121.352, just north of line 5's terminus
    //   闵行开发区 (121.365, 31.003); the development zone south of it is excluded;
    // - south-west: the Huangpu, i.e. Minhang's boundary (the ring reaches past it and is clipped);
    // - west 121.3375 (just east of the Minhang–Songjiang boundary), east 121.374 (昆阳路, est.);
    // - north 31.035, which keeps Maqiao town in the zone and gives the published ~15.7 km².
    id: 'maqiao-ai-zone',
    name: '马桥人工智能创新试验区',
    name_en: 'Maqiao AI Innovation Pilot Zone',
    district: '310112',
    precision: 'approximate',
    shape: {
      kind: 'polygon',
      ring: [
        [121.3375, 31.035],
        [121.374, 31.035],
        [121.374, 31.004],
        [121.352, 31.004],
        [121.352, 30.97],
        [121.3375, 30.97],
      ],
    },
    basis:
      '近似：按2019年公布的四至（北元江路/铁路河，东昆阳路/北沙港，南江川路/黄浦江，西茜浦泾/女儿泾/水富路）估画的多边形，江川路段按地铁5号线闵行开发区站附近估计，黄浦江段取闵行区界，面积按公布的约15.7平方公里估算；道路位置为估计，非官方边界',
    basis_en:
      'approximate: polygon estimated from the bounds published in 2019 (Yuanjiang Rd/Tielu Creek N, Kunyang Rd/Beisha Creek E, Jiangchuan Rd/Huangpu S, Xipu/Nüer Creeks/Shuifu Rd W); the Jiangchuan Rd edge estimated near the line-5 Minhang Development Zone terminus, the Huangpu edge is the Minhang boundary; sized to the published ~15.7 km² (2019; the 2018 "AI town" plan said 10.4 km²); road positions are estimates, not an official boundary',
  },
  {
    // The 2021 Hongqiao CBD plan lists Minhang's share of the 151 km² business district as
    // 新虹街道 + 华漕镇 (+0.3 km² of 七宝). Those two make up Minhang's north-west lobe west of
    // Hongqiao Airport; the south cut (≈31.178, near 沪青平公路) is an estimate.
    id: 'hongqiao-business-district',
    name: '虹桥商务区（闵行部分）',
    name_en: 'Hongqiao Business District (Minhang part)',
    district: '310112',
    precision: 'approximate',
    shape: { kind: 'box', west: 121.2, south: 31.178, east: 121.345, north: 31.3 },
    basis:
      '近似：闵行区虹桥机场以西、约北纬31.178°（沪青平公路附近，估计）以北的部分，即新虹街道和华漕镇（2021年虹桥商务区规划所列闵行部分），含虹桥火车站；由区界裁剪得到，南界为估计，非官方边界',
    basis_en:
      'approximate: the part of Minhang west of Hongqiao Airport and north of ~31.178° N (near Huqingping Rd, estimated) — Xinhong subdistrict and Huacao town, the Minhang share of the 151 km² business district in the 2021 Hongqiao CBD plan — including Hongqiao Railway Station; cut from the district polygon, southern edge estimated, not an official boundary',
  },
  {
    // Plan text: "south of the hub, Hongqiao Tiandi area". Drawn as the band of Minhang between
    // the business district's estimated south edge (31.178) and 31.150, from the Qingpu boundary
    // to the S20, which crosses 31.178 at ~121.355 and 31.150 at ~121.367 in the shipped S20 lines.
    id: 'south-hongqiao',
    name: '南虹桥',
    name_en: 'South Hongqiao',
    district: '310112',
    precision: 'approximate',
    shape: {
      kind: 'polygon',
      ring: [
        [121.28, 31.178],
        [121.3553, 31.178],
        [121.3669, 31.15],
        [121.28, 31.15],
      ],
    },
    basis:
      '近似：虹桥枢纽以南（北纬31.150°–31.178°）、闵行与青浦区界至外环（S20）之间的闵行区范围，依据规划文本“枢纽以南”描述估画；非官方边界',
    basis_en:
      'approximate: Minhang between 31.150° and 31.178° N, from the Qingpu boundary east to the S20 (shipped S20 lines), i.e. the band just south of the Hongqiao hub named in the plan text; not an official boundary',
  },
  {
    // Plan text: a 1.3 km² T-shaped core around the SJTU and ECNU Minhang campuses. Bar: along
    // 东川路 between the 东川路 (line 5) and 紫竹高新区 (line 15) stations; stem: north between the
    // two campuses. Each arm is a path buffered 0.15 km on each side.
    id: 'da-lingkong-wan',
    name: '大零号湾',
    name_en: 'Da Lingkong Wan (Grand NeoBay)',
    district: '310112',
    precision: 'approximate',
    shape: {
      kind: 'union',
      parts: [
        { kind: 'corridor', path: [STN.dongchuanRoad, STN.zizhuHighTechPark], halfWidthKm: 0.15 },
        { kind: 'corridor', path: [[121.4425, 31.0246], [121.4435, 31.0345]], halfWidthKm: 0.15 },
      ],
    },
    basis:
      '近似：约1.3平方公里的T形：横沿东川路（地铁5号线东川路站至15号线紫竹高新区站），竖在上海交大与华东师大闵行校区之间向北；依据规划文本“T型核心区约1.3平方公里”估画，非官方边界',
    basis_en:
      'approximate: ~1.3 km² T-shape — bar along Dongchuan Rd between the Dongchuan Rd (line 5) and Zizhu Hi-tech Park (line 15) stations, stem running north between the SJTU and ECNU Minhang campuses — per the plan text (1.3 km² T-shaped core); not an official boundary',
  },
  {
    // Zizhu hi-tech park: the R&D base south of 东川路, down to the Huangpu (the Minhang boundary),
    // next to the SJTU campus. The official ~13 km² park (incl. the campuses) has no shipped geometry.
    id: 'zizhu',
    name: '紫竹高新区',
    name_en: 'Zizhu Hi-tech Park',
    district: '310112',
    precision: 'approximate',
    shape: {
      kind: 'polygon',
      ring: [[121.425, 31.0216], STN.zizhuHighTechPark, [121.472, 31.0295], [121.472, 31.0], [121.425, 31.0]],
    },
    basis:
      '近似：东川路（东川路站—紫竹高新区站连线）以南至黄浦江（闵行区界）、约东经121.425°–121.472°的范围，紧邻上海交大闵行校区；官方园区（约13平方公里，含校区）无可用边界，非官方边界',
    basis_en:
      'approximate: land south of Dongchuan Rd (the line between the Dongchuan Rd and Zizhu Hi-tech Park stations) down to the Huangpu (Minhang boundary), ~121.425–121.472° E, next to the SJTU Minhang campus; the official ~13 km² park (incl. campuses) has no available boundary; not an official boundary',
  },
  {
    // ~100 ha (phase 1: 42 ha) in Huacao town, north of 北青公路, west of 闵北路, ~5 km from
    // Hongqiao Airport (press material); Minhang's boundary with Jiading runs ~0.5 km north of the
    // square. No shipped anchor: low confidence.
    id: 'xinhongqiao-medical-park',
    name: '新虹桥国际医学园区',
    name_en: 'New Hongqiao International Medical Park',
    district: '310112',
    precision: 'approximate',
    shape: { kind: 'rect', center: [121.293, 31.2275], widthKm: 1.0, heightKm: 1.0 },
    basis:
      '近似：华漕镇内约1平方公里的方块（园区规划约100公顷），位置按“距虹桥机场约5公里、闵北路以西”等文字估计，无数据锚点，可信度低；非官方边界',
    basis_en:
      'approximate: ~1 km² square in Huacao town (the park is planned at ~100 ha); position estimated from text ("~5 km from Hongqiao Airport, west of Minbei Rd"), no anchor in the shipped data, low confidence; not an official boundary',
  },
  // ---------------------------------------------------------------- Yangpu 310110
  {
    // Wujiaochang sub-centre + KIC (创智天地) to its north-east: circle around the 五角场 station.
    id: 'wujiaochang',
    name: '大创智—五角场',
    name_en: 'Wujiaochang – Greater KIC',
    district: '310110',
    precision: 'approximate',
    shape: { kind: 'circle', center: [121.5125, 31.3025], radiusKm: 1.1 },
    basis:
      '近似：以五角场（地铁10号线五角场站，OSM与站点数据一致）东北侧为中心、半径1.1公里的圆，覆盖五角场副中心与创智天地；非官方边界',
    basis_en:
      'approximate: 1.1 km-radius circle just north-east of the Wujiaochang station (line 10; matches the OSM anchor), covering the Wujiaochang sub-centre and KIC; not an official boundary',
  },
  {
    // The Yangpu riverside is where Yangpu borders Pudong across the Huangpu: the strip of Yangpu
    // within 0.8 km of the Pudong polygon runs along the whole ~15 km riverfront.
    id: 'yangpu-binjiang',
    name: '杨浦滨江',
    name_en: 'Yangpu Riverside',
    district: '310110',
    precision: 'approximate',
    shape: { kind: 'alongDistrict', otherAdcode: '310115', distanceKm: 0.8 },
    basis:
      '近似：杨浦区内距浦东新区（隔黄浦江）0.8公里以内的沿江带，覆盖杨浦全部黄浦江岸线；由区界多边形推得，宽度为估计，非官方边界',
    basis_en:
      'approximate: the strip of Yangpu within 0.8 km of Pudong (i.e. of the Huangpu, which the two districts share as a boundary), along Yangpu\'s whole riverfront; derived from the district polygons, width estimated, not an official boundary',
  },
  {
    // Line 12 runs under 长阳路: the corridor follows its stations 大连路–江浦公园–宁国路–隆昌路
    // (长阳创谷 lies near 宁国路). Buffered 0.3 km each side.
    id: 'changyang',
    name: '长阳秀带在线新经济生态园',
    name_en: 'Changyang Belt Online New Economy Park',
    district: '310110',
    precision: 'approximate',
    shape: {
      kind: 'corridor',
      path: [STN.dalianRoad, STN.jiangpuPark, STN.ningguoRoad, STN.longchangRoad],
      halfWidthKm: 0.3,
    },
    basis:
      '近似：沿长阳路（地铁12号线大连路—江浦公园—宁国路—隆昌路站连线）两侧各0.3公里的带状区域，含长阳创谷；非官方边界',
    basis_en:
      'approximate: 0.3 km either side of Changyang Rd, traced by the line-12 stations Dalian Rd – Jiangpu Park – Ningguo Rd – Longchang Rd, including Changyang Campus; not an official boundary',
  },
  // ---------------------------------------------------------------- Chongming 310151
  {
    id: 'changxing-island',
    name: '长兴岛',
    name_en: 'Changxing Island',
    district: '310151',
    precision: 'exact',
    shape: { kind: 'districtPart', anchor: ANCHOR.changxingIsland },
    basis:
      '精确：崇明区多边形（geoBoundaries/OSM）中包含长兴岛锚点的部分；含青草沙水库及滩涂，大于官方陆域面积',
    basis_en:
      'exact: the part of the Chongming District multipolygon (geoBoundaries/OSM) that contains the Changxing Island anchor; includes Qingcaosha Reservoir and tidal flats, so larger than the official land area',
  },
  {
    id: 'hengsha-island',
    name: '横沙岛',
    name_en: 'Hengsha Island',
    district: '310151',
    precision: 'exact',
    shape: { kind: 'districtPart', anchor: ANCHOR.hengshaIsland },
    basis:
      '精确：崇明区多边形（geoBoundaries/OSM）中包含横沙岛锚点的部分；含促淤圈围的滩涂，大于官方陆域面积',
    basis_en:
      'exact: the part of the Chongming District multipolygon (geoBoundaries/OSM) that contains the Hengsha Island anchor; includes reclaimed tidal flats, so larger than the official land area',
  },
  {
    // Baozhen town sits on the south shore of Chongming Island; the shipped district polygon puts
    // that shore at ~31.525° N on 121.60° E. The bus station is not in the shipped data.
    id: 'baozhen-bus-station',
    name: '堡镇公交枢纽',
    name_en: 'Baozhen Bus Hub',
    district: '310151',
    precision: 'approximate',
    shape: { kind: 'rect', center: [121.6, 31.533], widthKm: 0.2, heightKm: 0.2 },
    basis:
      '近似：200米见方，置于崇明岛南岸堡镇镇区（区界多边形南岸约北纬31.525°，东经121.60°）以北约0.8公里处；车站位置未在数据中核实，可信度低',
    basis_en:
      'approximate: 200 m square placed in Baozhen town ~0.8 km inland from Chongming Island\'s south shore (the district polygon\'s shore is at ~31.525° N on 121.60° E); the station itself is not in the shipped data, low confidence',
  },
  // ---------------------------------------------------------------- Fengxian 310120
  {
    // Official new-city area ≈ 67.9 km² (2035 plan; press also cites 大叶公路 N, G1501 S,
    // 浦星公路 E, 南沙港/沪杭公路 W). Box around the line-5 stations 奉浦大道–金海湖–奉贤新城,
    // sized to ≈ 67.9 km²; Jinhai Lake and Nanqiao are inside.
    id: 'fengxian-new-city',
    name: '奉贤新城',
    name_en: 'Fengxian New City',
    district: '310120',
    precision: 'approximate',
    shape: { kind: 'box', west: 121.426, south: 30.883, east: 121.514, north: 30.956 },
    basis:
      '近似：围绕地铁5号线奉浦大道—金海湖—奉贤新城站、含金海湖（上海之鱼）和南桥的矩形，面积按官方约67.9平方公里估算；四至为估计，非官方边界',
    basis_en:
      'approximate: box around the line-5 stations Fengpu Blvd – Jinhai Lake – Fengxian New City, containing Jinhai Lake and Nanqiao, sized to the official ~67.9 km²; edges estimated, not an official boundary',
  },
  {
    // Core area per Fengxian press (2019): 18.49 km², 大叶公路 (N) to 东方美谷大道/金齐路 (S),
    // S4 (W) to 金海公路 (E). Only the size and the rough position north of Jinhai Lake are used.
    id: 'oriental-beauty-valley',
    name: '东方美谷',
    name_en: 'Oriental Beauty Valley',
    district: '310120',
    precision: 'approximate',
    shape: { kind: 'box', west: 121.438, south: 30.932, east: 121.505, north: 30.958 },
    basis:
      '近似：奉贤新城北部、大叶公路以南、沪金高速（S4）与金海公路之间的核心区（报道约18.49平方公里）的估画矩形，位于金海湖以北；非官方边界',
    basis_en:
      'approximate: box for the core area (~18.49 km² in press reports) in the north of Fengxian New City, south of Daye Rd between the S4 expressway and Jinhai Rd, north of Jinhai Lake; edges estimated, not an official boundary',
  },
  // ---------------------------------------------------------------- Jing'an 310106
  {
    // Official: 3.13 km², 汶水路 (S), 彭越浦 (W), 泗塘/东粤秀路 (E), 走马塘—共和新路—场中路 (N),
    // split by 共和新路 (line 1) into west 1.45 and east 1.86 km². South edge on the 汶水路 station
    // (the Middle Ring runs along 汶水路 here); west edge at the west edge of the OSM 大宁路街道
    // polygon (121.436), taken to be the 彭越浦; east edge cut by the Jing'an boundary; north edge
    // set so the area is ~3.13 km². The OSM 大宁路街道 polygon reaches north of 汶水路, so the
    // `daning` zone overlaps this one in its east part.
    id: 'shibei-hightech-park',
    name: '市北高新园区',
    name_en: 'Shibei Hi-tech Park',
    district: '310106',
    precision: 'approximate',
    shape: { kind: 'box', west: 121.436, south: STN.wenshuiRoad[1], east: 121.463, north: 31.307 },
    basis:
      '近似：汶水路（地铁1号线汶水路站）以北、共和新路两侧的矩形，西界取OSM大宁路街道多边形西缘（视为彭越浦），东界为静安区界，面积按官方约3.13平方公里估算（四至：南汶水路、西彭越浦、东泗塘、北走马塘—场中路）；非官方边界',
    basis_en:
      'approximate: box north of Wenshui Rd (line-1 Wenshui Rd station) on both sides of Gonghexin Rd; west edge at the west edge of the OSM Daning Rd subdistrict polygon (taken to be the Pengyuepu creek), east edge the Jing\'an boundary; sized to the official ~3.13 km² (bounds: Wenshui Rd S, Pengyuepu W, Sitang E, Zoumatang/Changzhong Rd N); not an official boundary',
  },
  {
    id: 'daning',
    name: '大宁',
    name_en: 'Daning',
    district: '310106',
    precision: 'derived',
    shape: { kind: 'township', name: '大宁路街道' },
    basis:
      '推导：OSM大宁路街道（relation 14186009）多边形，裁剪至静安区；这是街道范围，不是大宁商圈核心',
    basis_en:
      'derived: the OSM Daning Road subdistrict polygon (relation 14186009) clipped to Jing\'an; this is the subdistrict, not the Daning business core',
  },
  {
    // North bank of Suzhou Creek in Jing'an. East of ~121.462 the creek is the Jing'an/Huangpu
    // boundary, so clipping gives the bank exactly; further west the creek runs inside Jing'an and
    // the south edge below follows it only approximately (between the 自然博物馆/新闸路 stations,
    // south of it, and 汉中路, north of it). North edge ~0.5 km inland, short of the railway.
    id: 'suhe-bay',
    name: '苏河湾',
    name_en: 'Suhe Bay',
    district: '310106',
    precision: 'approximate',
    shape: {
      kind: 'polygon',
      ring: [
        [121.445, 31.2445],
        [121.455, 31.2425],
        [121.4605, 31.2408],
        [121.4605, 31.238],
        [121.48, 31.238],
        [121.48, 31.2475],
        [121.445, 31.2495],
      ],
    },
    basis:
      '近似：苏州河北岸约0.5公里宽的带状区域（东经121.445°至静安区东界）；成都北路以东以区界（苏州河）为南界，以西的河道位置为估计；非官方边界',
    basis_en:
      'approximate: ~0.5 km-wide strip on the north bank of Suzhou Creek from 121.445° E to Jing\'an\'s eastern boundary; east of Chengdu Rd N the district boundary (the creek) is the south edge, further west the creek line is estimated; not an official boundary',
  },
  {
    // Nanjing West Road between 静安寺 and the Huangpu boundary (成都北路), through the 南京西路
    // station; buffered 0.35 km each side.
    id: 'nanjing-west-road',
    name: '南京西路',
    name_en: 'Nanjing West Road',
    district: '310106',
    precision: 'approximate',
    shape: {
      kind: 'corridor',
      path: [STN.jinganTemple, STN.nanjingWestRoad, [121.4665, 31.2355]],
      halfWidthKm: 0.35,
    },
    basis:
      '近似：沿南京西路（静安寺站—南京西路站—成都北路）两侧各0.35公里的走廊，裁剪至静安区；非南京西路街道的官方边界',
    basis_en:
      'approximate: corridor 0.35 km either side of Nanjing West Rd (Jing\'an Temple station – Nanjing West Rd station – Chengdu Rd N), clipped to Jing\'an; not the official subdistrict boundary',
  },
];

export type AreaFeature = Feature<Polygon | MultiPolygon>;

/** Inputs the zone builder needs from the other sources. */
export type ZoneInputs = {
  districtByAdcode: Map<string, AreaFeature>;
  townshipByName: Map<string, AreaFeature>;
};

/** Pieces smaller than this left over by clipping (sliver along a boundary) are dropped. */
export const SLIVER_KM2 = 0.01;

function rectangle(center: LonLat, widthKm: number, heightKm: number): Feature<Polygon> {
  const [lon, lat] = center;
  const dLat = heightKm / 2 / 110.574;
  const dLon = widthKm / 2 / (111.32 * Math.cos((lat * Math.PI) / 180));
  return turf.bboxPolygon([lon - dLon, lat - dLat, lon + dLon, lat + dLat]);
}

function shapeFeature(shape: Shape, district: AreaFeature, inputs: ZoneInputs): AreaFeature {
  switch (shape.kind) {
    case 'box':
      return turf.bboxPolygon([shape.west, shape.south, shape.east, shape.north]);
    case 'rect':
      return rectangle(shape.center, shape.widthKm, shape.heightKm);
    case 'circle':
      return turf.circle(shape.center, shape.radiusKm, { steps: 64, units: 'kilometers' });
    case 'corridor': {
      const buffered = turf.buffer(turf.lineString(shape.path), shape.halfWidthKm, { units: 'kilometers', steps: 8 });
      if (!buffered) throw new Error('corridor buffer is empty');
      return buffered as AreaFeature;
    }
    case 'polygon': {
      const ring: Position[] = [...shape.ring, shape.ring[0]!];
      return turf.polygon([ring]);
    }
    case 'union': {
      const parts = shape.parts.map((p) => shapeFeature(p, district, inputs));
      const u = turf.union(turf.featureCollection(parts));
      if (!u) throw new Error('union is empty');
      return u;
    }
    case 'alongDistrict': {
      const other = inputs.districtByAdcode.get(shape.otherAdcode);
      if (!other) throw new Error(`no district ${shape.otherAdcode}`);
      // Buffer a simplified copy of the other district (tolerance ~10 m) to keep this fast.
      const simple = turf.simplify(other, { tolerance: 0.0001, highQuality: true });
      const buffered = turf.buffer(simple, shape.distanceKm, { units: 'kilometers', steps: 8 });
      if (!buffered) throw new Error('district buffer is empty');
      return buffered as AreaFeature;
    }
    case 'districtPart': {
      const g = district.geometry;
      const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      const hits = parts.filter((rings) => turf.booleanPointInPolygon(shape.anchor, turf.polygon(rings)));
      if (hits.length !== 1) throw new Error(`anchor ${shape.anchor.join(',')} is in ${hits.length} district parts`);
      return turf.polygon(hits[0]!);
    }
    case 'township': {
      const t = inputs.townshipByName.get(shape.name);
      if (!t) throw new Error(`no township ${shape.name}`);
      return t;
    }
  }
}

/** Drop pieces smaller than SLIVER_KM2; null if nothing is left. */
export function dropSlivers(g: Polygon | MultiPolygon): Polygon | MultiPolygon | null {
  if (g.type === 'Polygon') return ellipsoidalAreaKm2(g) >= SLIVER_KM2 ? g : null;
  const kept = g.coordinates.filter((rings) => ellipsoidalAreaKm2({ type: 'Polygon', coordinates: rings }) >= SLIVER_KM2);
  if (kept.length === 0) return null;
  if (kept.length === 1) return { type: 'Polygon', coordinates: kept[0]! };
  return { type: 'MultiPolygon', coordinates: kept };
}

/** Geometry of one zone: the shape, clipped to its district unless it already is a part of it. */
export function buildZoneGeometry(def: ZoneDefinition, inputs: ZoneInputs): Polygon | MultiPolygon {
  const district = inputs.districtByAdcode.get(def.district);
  if (!district) throw new Error(`${def.id}: no district ${def.district}`);
  const shape = shapeFeature(def.shape, district, inputs);
  if (def.shape.kind === 'districtPart') return shape.geometry;
  const clipped = turf.intersect(turf.featureCollection([shape, district]));
  if (!clipped) throw new Error(`${def.id}: shape does not overlap district ${def.district}`);
  const kept = dropSlivers(clipped.geometry);
  if (!kept) throw new Error(`${def.id}: only slivers left after clipping to district ${def.district}`);
  return kept;
}
