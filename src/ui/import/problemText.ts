/**
 * A row problem as the dialog shows it, in the interface language. The words come from i18n
 * (`imp_p_<code>` templates); the facts (field, value, first row, parser detail) from the problem.
 * The English rendering is the CLI's message word for word (tests/io/problemText.test.ts), so a
 * planner who reads both sees one message.
 */
import { HEADER_ALIASES, REGION_EDGES, type ColumnField, type RowProblem } from '../../io/rowProblems';
import { translate, type Lang, type MessageKey } from '../i18n';

/** `{name}` placeholders filled from `vars`; unknown ones are left as written. */
export function fill(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Whether a made-up key (`imp_p_<code>`) is in the tables: codes added later fall back to English. */
const has = (key: string): key is MessageKey => typeof translate('en', key as MessageKey) === 'string';

/** The field's word in a sentence (`longitude`, `经度`), or the field name itself. */
function word(lang: Lang, field: string): string {
  const key = `imp_word_${field}`;
  return has(key) ? translate(lang, key) : field;
}

/** The field as the report's "field" column shows it. */
export function fieldLabel(lang: Lang, field: string): string {
  const key = `imp_field_${field}`;
  return has(key) ? translate(lang, key) : field;
}

export function problemText(lang: Lang, p: RowProblem): string {
  const key = `imp_p_${p.code}`;
  if (!has(key)) return p.reason;
  const missing = String(p.params?.missing ?? '')
    .split(',')
    .filter((f) => f !== '')
    .map((f) => `${word(lang, f)} (${(HEADER_ALIASES[f as ColumnField] ?? []).join('/')})`)
    .join(translate(lang, 'imp_listSep'));
  const [lo, hi] = p.field === 'lon' ? REGION_EDGES.lon : REGION_EDGES.lat;
  return fill(translate(lang, key), {
    ...(p.params ?? {}),
    word: word(lang, p.field),
    field: p.field,
    value: p.value ?? '',
    lo,
    hi,
    missing,
  });
}
