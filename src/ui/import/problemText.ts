/**
 * A row problem as the dialog shows it, in the interface language. The words come from the import
 * strings (an `imp_p_<code>` template for each problem code, in a typed map); the facts (field,
 * value, first row, parser detail) from the problem.
 * The English rendering is the CLI's message word for word (tests/io/problemText.test.ts), so a
 * planner who reads both sees one message.
 */
import { HEADER_ALIASES, REGION_EDGES, type ColumnField, type ProblemCode, type RowProblem } from '../../io/rowProblems';
import { SITE_YEAR } from '../../domain/siteYear';
import { fill, translator, type KeyOf, type Lang } from '../i18n';
import { importStrings } from './strings';

export { fill };

type ImportKey = KeyOf<typeof importStrings>;

/** The sentence of each problem code: a code added without one is a type error. */
const PROBLEM_KEYS: Readonly<Record<ProblemCode, ImportKey>> = {
  fileEmpty: 'imp_p_fileEmpty',
  noHeader: 'imp_p_noHeader',
  noColumns: 'imp_p_noColumns',
  notJson: 'imp_p_notJson',
  notFeatureCollection: 'imp_p_notFeatureCollection',
  notKml: 'imp_p_notKml',
  unreadable: 'imp_p_unreadable',
  lossyText: 'imp_p_lossyText',
  csvQuotes: 'imp_p_csvQuotes',
  missing: 'imp_p_missing',
  notNumber: 'imp_p_notNumber',
  outsideRegion: 'imp_p_outsideRegion',
  swapped: 'imp_p_swapped',
  swappedFixed: 'imp_p_swappedFixed',
  typeMissing: 'imp_p_typeMissing',
  unknownType: 'imp_p_unknownType',
  badStatus: 'imp_p_badStatus',
  badCapacity: 'imp_p_badCapacity',
  badRadius: 'imp_p_badRadius',
  badIllustrative: 'imp_p_badIllustrative',
  badYear: 'imp_p_badYear',
  invalid: 'imp_p_invalid',
  duplicateId: 'imp_p_duplicateId',
  samePosition: 'imp_p_samePosition',
  notFeature: 'imp_p_notFeature',
  noGeometry: 'imp_p_noGeometry',
  notPoint: 'imp_p_notPoint',
  outsideCity: 'imp_p_outsideCity',
};

/** The field's word in a sentence (`longitude`, `经度`); other fields are named as they are. */
const WORD_KEYS: Readonly<Record<string, ImportKey>> = { lon: 'imp_word_lon', lat: 'imp_word_lat', type: 'imp_word_type' };

/** The field as the report's "field" column shows it; other fields are named as they are. */
const FIELD_KEYS: Readonly<Record<string, ImportKey>> = {
  lon: 'imp_field_lon',
  lat: 'imp_field_lat',
  type: 'imp_field_type',
  name: 'imp_field_name',
  status: 'imp_field_status',
  capacity: 'imp_field_capacity',
  year: 'imp_field_year',
  id: 'imp_field_id',
  file: 'imp_field_file',
  position: 'imp_field_position',
  geometry: 'imp_field_geometry',
  feature: 'imp_field_feature',
};

function word(lang: Lang, field: string): string {
  const key = Object.hasOwn(WORD_KEYS, field) ? WORD_KEYS[field] : undefined;
  return key ? translator(lang, importStrings).t(key) : field;
}

export function fieldLabel(lang: Lang, field: string): string {
  const key = Object.hasOwn(FIELD_KEYS, field) ? FIELD_KEYS[field] : undefined;
  return key ? translator(lang, importStrings).t(key) : field;
}

export function problemText(lang: Lang, p: RowProblem): string {
  const { t } = translator(lang, importStrings);
  const missing = String(p.params?.missing ?? '')
    .split(',')
    .filter((f) => f !== '')
    .map((f) => `${word(lang, f)} (${(HEADER_ALIASES[f as ColumnField] ?? []).join('/')})`)
    .join(t('imp_listSep'));
  const [lo, hi] = p.field === 'lon' ? REGION_EDGES.lon : REGION_EDGES.lat;
  return t(PROBLEM_KEYS[p.code], {
    ...(p.params ?? {}),
    word: word(lang, p.field),
    field: p.field,
    value: p.value ?? '',
    lo,
    hi,
    min: SITE_YEAR.min,
    max: SITE_YEAR.max,
    missing,
  });
}
