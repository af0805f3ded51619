import type { RowProblem } from '../../io/rowProblems';
import { useT } from '../i18n';
import { importStrings } from './strings';
import { fieldLabel, problemText } from './problemText';

/** More than this many rows would make the dialog slow to draw; the full list can be saved as CSV. */
const SHOWN = 500;

interface Props {
  title: string;
  problems: readonly RowProblem[];
  testId: string;
}

/**
 * Problems as a table: row, field, reason, value. Every cell is a React text node — a value from
 * the file (a name with `<img onerror=…>` in it) is shown as the text it is, never as HTML.
 */
export function ProblemTable({ title, problems, testId }: Props) {
  const { t, num, lang } = useT(importStrings);
  if (problems.length === 0) return null;
  return (
    <section className="imp-problems" data-testid={testId}>
      <h3>
        {title} <span className="imp-count">{num(problems.length)}</span>
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
      {problems.length > SHOWN ? <p className="muted">{t('imp_more', { n: num(problems.length - SHOWN) })}</p> : null}
    </section>
  );
}
