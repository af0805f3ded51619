import type { RowProblem } from '../../io/rowProblems';
import { formatNumber, translate, type Lang } from '../i18n';
import { fieldLabel, fill, problemText } from './problemText';

/** More than this many rows would make the dialog slow to draw; the full list can be saved as CSV. */
const SHOWN = 500;

interface Props {
  lang: Lang;
  title: string;
  problems: readonly RowProblem[];
  testId: string;
}

/**
 * Problems as a table: row, field, reason, value. Every cell is a React text node — a value from
 * the file (a name with `<img onerror=…>` in it) is shown as the text it is, never as HTML.
 */
export function ProblemTable({ lang, title, problems, testId }: Props) {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  if (problems.length === 0) return null;
  return (
    <section className="imp-problems" data-testid={testId}>
      <h3>
        {title} <span className="imp-count">{formatNumber(lang, problems.length)}</span>
      </h3>
      <div className="imp-table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('imp_colRow')}</th>
              <th>{t('imp_colField')}</th>
              <th>{t('imp_colReason')}</th>
              <th>{t('imp_colValue')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, SHOWN).map((p, i) => (
              <tr key={i} data-row={p.row} data-code={p.code}>
                <td className="imp-num">{p.row === 0 ? '—' : p.row}</td>
                <td>{fieldLabel(lang, p.field)}</td>
                <td>{problemText(lang, p)}</td>
                <td className="imp-value">{p.value ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > SHOWN ? <p className="muted">{fill(t('imp_more'), { n: formatNumber(lang, problems.length - SHOWN) })}</p> : null}
    </section>
  );
}
