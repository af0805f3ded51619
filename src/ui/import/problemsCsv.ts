/**
 * The full list of rejected and suspicious rows as a CSV a planner can open in Excel next to the
 * file they are fixing: UTF-8 with a BOM (so Excel in China reads the Chinese), and any cell that a
 * spreadsheet would run as a formula (=, +, -, @) defused with a leading apostrophe.
 */
import type { RowProblem } from '../../io/rowProblems';
import { translator, type Lang } from '../i18n';
import { importStrings } from './strings';
import { fieldLabel, problemText } from './problemText';

function cell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function problemsCsv(lang: Lang, rejected: readonly RowProblem[], suspicious: readonly RowProblem[]): string {
  const { t } = translator(lang, importStrings);
  const lines = [[t('imp_colKind'), t('imp_colRow'), t('imp_colField'), t('imp_colReason'), t('imp_colValue')].map(cell).join(',')];
  for (const [kind, list] of [[t('imp_kind_rejected'), rejected], [t('imp_kind_check'), suspicious]] as const) {
    for (const p of list) lines.push([kind, String(p.row), fieldLabel(lang, p.field), problemText(lang, p), p.value ?? ''].map(cell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
