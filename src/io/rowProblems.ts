/**
 * What can be wrong with an imported row, as a code plus the facts a message needs, and the plain
 * English message the CLI prints.
 *
 * Why codes: the same problem is shown in the CLI (English, on stderr) and in the bilingual import
 * dialog. The dialog renders the code through its strings (zh or en); its English rendering is tested to be
 * word for word the CLI's `reason`, so a planner reading either sees the same message.
 *
 * Pure.
 */
import { OWN_RADIUS_KM } from '../domain/serviceRule';
import { SHANGHAI_REGION_BBOX as BOX } from '../domain/geojson';
import { SITE_YEAR } from '../domain/siteYear';

export type ProblemCode =
  // the file as a whole (row 0, field `file`)
  | 'fileEmpty'
  | 'noHeader'
  | 'noColumns'
  | 'notJson'
  | 'notFeatureCollection'
  | 'notKml'
  | 'unreadable'
  | 'lossyText'
  | 'csvQuotes'
  // a row's field
  | 'missing'
  | 'notNumber'
  | 'outsideRegion'
  | 'swapped'
  | 'swappedFixed'
  | 'typeMissing'
  | 'unknownType'
  | 'badStatus'
  | 'badCapacity'
  | 'badRadius'
  | 'badIllustrative'
  | 'badYear'
  | 'invalid'
  | 'duplicateId'
  | 'samePosition'
  | 'notFeature'
  | 'noGeometry'
  | 'notPoint'
  | 'outsideCity';

export interface RowProblem {
  /** CSV: spreadsheet row (header = 1); GeoJSON/KML: 1-based feature index; 0: the whole file. */
  row: number;
  field: string;
  code: ProblemCode;
  /** The English message (what the CLI prints). */
  reason: string;
  /** The offending text, as found in the file. */
  value?: string;
  /** Facts the message needs beyond row, field and value (a first row, a parser's detail …). */
  params?: Readonly<Record<string, string | number>>;
}

/** The Shanghai region box's edges, by coordinate field, for "outside the region" messages. */
export interface RegionEdges {
  lon: readonly [number, number];
  lat: readonly [number, number];
}

/** The edges the parser checks coordinates against (the Shanghai region box). */
export const REGION_EDGES: RegionEdges = { lon: [BOX.west, BOX.east], lat: [BOX.south, BOX.north] };

/** Builds a problem with its English reason. */
export function problem(row: number, field: string, code: ProblemCode, value?: string, params?: Record<string, string | number>): RowProblem {
  const facts = { row, field, code, ...(value === undefined ? {} : { value }), ...(params === undefined ? {} : { params }) };
  return { row, field, code, reason: englishReason(facts, REGION_EDGES), ...(value === undefined ? {} : { value }), ...(params === undefined ? {} : { params }) };
}

/** Accepted headers per field, in priority order (compared after NFKC + lower-case + trim). */
export const HEADER_ALIASES = {
  lon: ['lon', 'lng', 'long', 'longitude', 'x', '经度'],
  lat: ['lat', 'latitude', 'y', '纬度'],
  type: ['type', 'facility', '类型', '设施类型'],
  name: ['name', '名称'],
  status: ['status', '状态'],
  capacity: ['capacity', '数量', '桩数'],
  id: ['id', '编号'],
  // What the app's own CSV export writes, so an exported scenario reads back whole.
  radiusKm: ['radiuskm', 'radius_km', '服务半径', '服务半径(km)'],
  illustrative: ['illustrative', '示例数据'],
  // The year built or planned for: a whole year or a date (siteYear.ts).
  year: ['year', '建成年份', '建设年份', '年份'],
} as const satisfies Record<string, readonly string[]>;

export type ColumnField = keyof typeof HEADER_ALIASES;

const COORD_WORD: Readonly<Record<string, string>> = { lon: 'longitude', lat: 'latitude' };

/** The English word for a field in messages (`longitude`, `facility type`, `name` …). */
export function fieldWord(field: string): string {
  return COORD_WORD[field] ?? (field === 'type' ? 'facility type' : field);
}

/**
 * The English message for a problem. Everything it says comes from `field`, `value` and `params`,
 * so the UI can say the same in Chinese from the same facts.
 */
export function englishReason(p: Omit<RowProblem, 'reason'>, edges: RegionEdges): string {
  const word = fieldWord(p.field);
  const param = (k: string) => String(p.params?.[k] ?? '');
  switch (p.code) {
    case 'fileEmpty':
      return 'the file is empty';
    case 'noHeader':
      return 'the file has no header row';
    case 'noColumns':
      return `the header row has no column for ${param('missing')
        .split(',')
        .map((f) => `${fieldWord(f)} (${(HEADER_ALIASES[f as ColumnField] ?? []).join('/')})`)
        .join(', ')}`;
    case 'notJson':
      return `not valid JSON (${param('detail')})`;
    case 'notFeatureCollection':
      return 'expected a GeoJSON FeatureCollection of Point features';
    case 'notKml':
      return 'not a KML document (no <kml> element)';
    case 'unreadable':
      return `could not be read (${param('detail')})`;
    case 'lossyText':
      return 'the file is neither UTF-8 nor GB18030 (GBK) text: some characters could not be read';
    case 'csvQuotes':
      return `CSV quoting problem: ${param('detail')}`;
    case 'missing':
      return `${word} is missing`;
    case 'notNumber':
      return `${word} is not a number`;
    case 'outsideRegion': {
      const [lo, hi] = p.field === 'lon' ? edges.lon : edges.lat;
      return `${word} ${p.value ?? ''} is outside the Shanghai region (${lo} to ${hi})`;
    }
    case 'swapped':
      return 'longitude and latitude look swapped';
    case 'swappedFixed':
      return 'longitude and latitude were swapped: read the other way round';
    case 'typeMissing':
      return 'facility type is missing';
    case 'unknownType':
      return `unknown facility type "${p.value ?? ''}"`;
    case 'badStatus':
      return `status "${p.value ?? ''}" is not one of existing, planned, candidate (现状/已建, 规划, 候选)`;
    case 'badCapacity':
      return 'capacity must be a whole number greater than 0';
    case 'badRadius':
      return `radiusKm must be a number from ${OWN_RADIUS_KM.min} to ${OWN_RADIUS_KM.max} (km)`;
    case 'badIllustrative':
      return 'illustrative must be true or false';
    case 'badYear':
      return `year "${p.value ?? ''}" is not a year from ${SITE_YEAR.min} to ${SITE_YEAR.max} or a date such as 2021-06-30`;
    case 'invalid':
      return `${p.field}: ${param('detail')}`;
    case 'duplicateId':
      return `duplicate id "${p.value ?? ''}" (first used in row ${param('first')})`;
    case 'samePosition':
      return `same position and type as row ${param('first')}`;
    case 'notFeature':
      return 'not a GeoJSON Feature';
    case 'noGeometry':
      return 'the feature has no geometry';
    case 'notPoint':
      return `a ${p.value ?? ''} is not a site: only Point features are read`;
    case 'outsideCity':
      return "outside Shanghai's outline (in a neighbouring province or offshore)";
  }
}
