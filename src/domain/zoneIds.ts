/**
 * Ids of the named zones that plan targets may use as their scope.
 *
 * The polygons themselves ship in `public/data/zones.geojson` (built by the geodata scripts); this list
 * is the contract between the plan files (`seeds/plans/*.json`) and that file, so a typo in a plan
 * fails validation instead of silently scoping a target to nothing.
 */
import { z } from 'zod';

export const ZONE_IDS = [
  // Minhang 闵行 310112
  'maqiao-ai-zone',
  'hongqiao-business-district',
  'south-hongqiao',
  'da-lingkong-wan',
  'zizhu',
  'xinhongqiao-medical-park',
  // Yangpu 杨浦 310110
  'wujiaochang',
  'yangpu-binjiang',
  'changyang',
  // Chongming 崇明 310151
  'changxing-island',
  'hengsha-island',
  'baozhen-bus-station',
  // Fengxian 奉贤 310120
  'fengxian-new-city',
  'oriental-beauty-valley',
  // Jing'an 静安 310106
  'shibei-hightech-park',
  'daning',
  'suhe-bay',
  'nanjing-west-road',
] as const;

export const zoneIdSchema = z.enum(ZONE_IDS);
export type ZoneId = z.infer<typeof zoneIdSchema>;

/**
 * The district (adcode) each zone lies in. A plan may only scope a target to a zone of its own district:
 * zones that straddle districts (Hongqiao Business District) are clipped to the plan's district in the data.
 */
export const ZONE_DISTRICT: Readonly<Record<ZoneId, string>> = {
  'maqiao-ai-zone': '310112',
  'hongqiao-business-district': '310112',
  'south-hongqiao': '310112',
  'da-lingkong-wan': '310112',
  zizhu: '310112',
  'xinhongqiao-medical-park': '310112',
  wujiaochang: '310110',
  'yangpu-binjiang': '310110',
  changyang: '310110',
  'changxing-island': '310151',
  'hengsha-island': '310151',
  'baozhen-bus-station': '310151',
  'fengxian-new-city': '310120',
  'oriental-beauty-valley': '310120',
  'shibei-hightech-park': '310106',
  daning: '310106',
  'suhe-bay': '310106',
  'nanjing-west-road': '310106',
};

/** The district (adcode) a zone id lies in, or null for an id that is not a zone. */
export function zoneDistrict(id: string): string | null {
  return (ZONE_DISTRICT as Readonly<Record<string, string>>)[id] ?? null;
}
