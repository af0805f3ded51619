/**
 * A target's residents in a line (the scorecard's rows, also in the embed): apart from the panel's
 * parts that read the app's store, which the embed's bundle must not reach.
 */
import type { ResidentsCoverage } from '../../domain/coverageResults';
import { useT } from '../i18n';
import { formatResidents, residentsLine } from './residentsText';
import { populationStrings } from './strings';

/** A target's residents in a line: their share and those not reached (the ground is named once, above the list). */
export function ResidentsLine({ residents }: { residents: ResidentsCoverage }) {
  const tr = useT(populationStrings);
  return (
    <div
      className="muted target-residents"
      data-testid="target-residents"
      data-residents={residents.residents.toFixed(3)}
      data-residents-covered={residents.covered.toFixed(3)}
      data-residents-share={residents.share.toFixed(6)}
      title={tr.t('res_rowTitle', {
        covered: formatResidents(tr, residents.covered),
        notReached: formatResidents(tr, residents.notReached),
        residents: formatResidents(tr, residents.residents),
      })}
    >
      {residentsLine(tr, residents)}
    </div>
  );
}
