/**
 * The kinds of facility the map sites and the plans count.
 *
 * One id per thing a plan counts separately. Labels are for the UI; aliases let a CSV column say
 * `charging`, `5G`, `快递柜` … and still land on the right id (see {@link resolveFacilityType}).
 */
import { z } from 'zod';

export const FACILITY_TYPE_IDS = [
  '5g-macro',
  '5g-pole',
  'ev-charging-pile',
  'ev-fast-charging-pile',
  'ev-charging-station',
  'taxi-charging-station',
  'bus-charging-bay',
  'hydrogen-station',
  'parcel-locker',
  'recycling-cabinet',
  'iot-sensor',
  'smart-lamp-pole',
  'beidou-station',
  'edge-computing-node',
  'camera-channel',
  'fresh-food-warehouse',
  'data-center',
  'v2x-roadside-unit',
  'smart-wharf',
  'smart-grid-terminal',
  'smart-parking',
  'smart-terminal',
] as const;

export const facilityTypeIdSchema = z.enum(FACILITY_TYPE_IDS);
export type FacilityTypeId = z.infer<typeof facilityTypeIdSchema>;

/**
 * How a count of this facility is made from site rows.
 * - `site`: one site is one facility (a base station, a hydrogen station).
 * - `capacity`: the plans count units that one site row may group (piles at a car park, bays at a bus
 *   station, camera channels at a gate), so a site contributes its `capacity` (1 when absent).
 */
export type CountUnit = 'site' | 'capacity';

/** The colour family a facility is drawn in on the map, in the legend and in the site counts. */
export const FACILITY_FAMILIES = ['charging', '5g', 'locker', 'sensor', 'other'] as const;
export type FacilityFamily = (typeof FACILITY_FAMILIES)[number];

export interface FacilityType {
  id: FacilityTypeId;
  label_zh: string;
  label_en: string;
  countUnit: CountUnit;
  /** Drawn in this family's colour (required: a new type is never grey by omission). */
  family: FacilityFamily;
  /** Plain words a CSV may use for this type (matched case- and separator-insensitively). */
  aliases: readonly string[];
}

export const FACILITY_TYPES: Readonly<Record<FacilityTypeId, FacilityType>> = {
  '5g-macro': {
    id: '5g-macro',
    label_zh: '5G宏基站',
    label_en: '5G base station (macro)',
    countUnit: 'site',
    family: '5g',
    aliases: ['5g', '5g macro', '5g base station', '5g site', 'macro', '5g基站', '5g宏站', '5g通信基站'],
  },
  '5g-pole': {
    id: '5g-pole',
    label_zh: '5G综合杆基站(微站)',
    label_en: '5G pole-mounted / small-cell site',
    countUnit: 'site',
    family: '5g',
    aliases: ['5g pole', '5g small cell', 'small cell', 'pole site', '5g综合杆基站', '5g微站', '综合杆基站'],
  },
  'ev-charging-pile': {
    id: 'ev-charging-pile',
    label_zh: '电动汽车充电桩',
    label_en: 'EV charging pile',
    countUnit: 'capacity',
    family: 'charging',
    aliases: ['charging', 'charger', 'charging pile', 'ev charger', 'ev', 'pile', '充电桩', '公共充电桩'],
  },
  'ev-fast-charging-pile': {
    id: 'ev-fast-charging-pile',
    label_zh: '快充桩',
    label_en: 'EV fast (DC) charging pile',
    countUnit: 'capacity',
    family: 'charging',
    aliases: ['fast charging', 'fast charger', 'dc charger', 'dc fast', '快充桩', '直流快充'],
  },
  'ev-charging-station': {
    id: 'ev-charging-station',
    label_zh: '电动汽车充电站',
    label_en: 'EV charging station',
    countUnit: 'site',
    family: 'charging',
    aliases: ['charging station', 'ev station', '充电站'],
  },
  'taxi-charging-station': {
    id: 'taxi-charging-station',
    label_zh: '新能源出租车充电示范站',
    label_en: 'Taxi charging demonstration station',
    countUnit: 'site',
    family: 'charging',
    aliases: ['taxi charging', 'taxi station', 'taxi', '出租车充电站', '出租车充电示范站'],
  },
  'bus-charging-bay': {
    id: 'bus-charging-bay',
    label_zh: '公交充电停车位',
    label_en: 'Bus charging parking bay',
    countUnit: 'capacity',
    family: 'charging',
    aliases: ['bus charging', 'bus bay', 'bus charger', '公交充电', '公交充电停车位'],
  },
  'hydrogen-station': {
    id: 'hydrogen-station',
    label_zh: '加氢站',
    label_en: 'Hydrogen refuelling station',
    countUnit: 'site',
    family: 'other',
    aliases: ['hydrogen', 'h2', 'h2 station', '加氢站'],
  },
  'parcel-locker': {
    id: 'parcel-locker',
    label_zh: '智能取物柜/快件箱',
    label_en: 'Smart parcel locker',
    countUnit: 'site',
    family: 'locker',
    aliases: ['locker', 'parcel locker', 'smart locker', '快递柜', '智能快件箱', '智能取物柜', '快件箱'],
  },
  'recycling-cabinet': {
    id: 'recycling-cabinet',
    label_zh: '智能回收柜',
    label_en: 'Smart recycling cabinet',
    countUnit: 'site',
    family: 'locker',
    aliases: ['recycling', 'recycling cabinet', 'recycling station', '智能回收柜', '智能回收站', '无人回收站'],
  },
  'iot-sensor': {
    id: 'iot-sensor',
    label_zh: '物联感知节点(神经元)',
    label_en: 'IoT sensor node ("neuron")',
    countUnit: 'capacity',
    family: 'sensor',
    aliases: ['sensor', 'iot', 'iot sensor', 'neuron', '传感器', '感知节点', '神经元', '物联网终端'],
  },
  'smart-lamp-pole': {
    id: 'smart-lamp-pole',
    label_zh: '智慧灯杆',
    label_en: 'Smart lamp pole',
    countUnit: 'site',
    family: 'other',
    aliases: ['lamp pole', 'smart pole', 'smart lamp', 'lamppost', '智慧灯杆', '综合杆'],
  },
  'beidou-station': {
    id: 'beidou-station',
    label_zh: '北斗地基增强基站',
    label_en: 'BeiDou ground augmentation station',
    countUnit: 'site',
    family: 'other',
    aliases: ['beidou', 'bds', 'gnss station', '北斗', '北斗基站'],
  },
  'edge-computing-node': {
    id: 'edge-computing-node',
    label_zh: '边缘计算节点',
    label_en: 'Edge computing node',
    countUnit: 'site',
    family: 'other',
    aliases: ['edge', 'edge node', 'mec', '边缘计算', '边缘计算节点'],
  },
  'camera-channel': {
    id: 'camera-channel',
    label_zh: '视频监控(路)',
    label_en: 'Camera channel (video surveillance)',
    countUnit: 'capacity',
    family: 'sensor',
    aliases: ['camera', 'cctv', 'video', '监控', '视频监控', '微卡口'],
  },
  'fresh-food-warehouse': {
    id: 'fresh-food-warehouse',
    label_zh: '生鲜前置仓',
    label_en: 'Fresh-food front warehouse',
    countUnit: 'site',
    family: 'locker',
    aliases: ['fresh food', 'front warehouse', 'dark store', '前置仓', '生鲜前置仓'],
  },
  'data-center': {
    id: 'data-center',
    label_zh: '数据中心(IDC/EDC)/算力中心',
    label_en: 'Data / computing centre (IDC, EDC)',
    countUnit: 'site',
    family: 'other',
    aliases: ['data center', 'data centre', 'idc', 'edc', 'dc', '数据中心', '算力中心'],
  },
  'v2x-roadside-unit': {
    id: 'v2x-roadside-unit',
    label_zh: '车路协同路侧设施',
    label_en: 'V2X roadside unit',
    countUnit: 'site',
    family: 'other',
    aliases: ['v2x', 'rsu', 'c-v2x', '车路协同', '路侧单元'],
  },
  'smart-wharf': {
    id: 'smart-wharf',
    label_zh: '智能化码头',
    label_en: 'Smart cargo wharf',
    countUnit: 'site',
    family: 'other',
    aliases: ['wharf', 'smart wharf', 'cargo wharf', '码头', '智能化码头'],
  },
  'smart-grid-terminal': {
    id: 'smart-grid-terminal',
    label_zh: '智能电网/配电网终端',
    label_en: 'Smart grid / distribution terminal',
    countUnit: 'site',
    family: 'other',
    aliases: ['grid terminal', 'smart grid', 'distribution terminal', '配电网终端', '智能电网'],
  },
  'smart-parking': {
    id: 'smart-parking',
    label_zh: '智慧停车场(库)',
    label_en: 'Smart parking facility',
    countUnit: 'site',
    family: 'other',
    aliases: ['parking', 'smart parking', 'car park', '智慧停车', '停车场'],
  },
  'smart-terminal': {
    id: 'smart-terminal',
    label_zh: '智能应用终端',
    label_en: 'Smart application terminal',
    countUnit: 'capacity',
    family: 'other',
    aliases: ['terminal', 'smart terminal', 'application terminal', '应用终端', '智能终端'],
  },
};

/** Lower-case and drop spaces, `-`, `_` and `/` so `EV_Charger`, `ev charger` and `ev-charger` match. */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\-_/]+/g, '');
}

const ALIAS_INDEX: ReadonlyMap<string, FacilityTypeId> = (() => {
  const index = new Map<string, FacilityTypeId>();
  for (const type of Object.values(FACILITY_TYPES)) {
    for (const word of [type.id, ...type.aliases]) index.set(normalise(word), type.id);
  }
  return index;
})();

/**
 * Facility type id for a word from an import file: an exact id, or one of the plain aliases
 * (`charging` → `ev-charging-pile`, `5g` → `5g-macro`, `locker` → `parcel-locker`, `快递柜` …).
 * @returns the id, or `null` when the word is unknown (the importer reports it; it never guesses).
 */
export function resolveFacilityType(word: string): FacilityTypeId | null {
  return ALIAS_INDEX.get(normalise(word)) ?? null;
}

/** The type's record (labels, count unit, aliases). */
export function facilityType(id: FacilityTypeId): FacilityType {
  return FACILITY_TYPES[id];
}
