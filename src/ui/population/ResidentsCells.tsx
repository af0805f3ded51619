/**
 * Residents beside a land share, wherever one shows: the line naming their ground, a target's
 * residents in a line, and the residents layer in use.
 */
import type { ResidentsCoverage } from '../../domain/coverageResults';
import type { PopulationSource, PopulationSummary } from '../../domain/population';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { formatResidents, groundLine, residentsLine } from './residentsText';
import { populationStrings } from './strings';

/** What the resident figures are made from, in a line. */
export function ResidentsGround({ source }: { source: PopulationSource }) {
  const tr = useT(populationStrings);
  const active = useAppStore((s) => s.population.active);
  return (
    <p className="muted residents-ground" data-testid="residents-ground" data-kind={source.kind}>
      {groundLine(tr, source, active)}
    </p>
  );
}

/** The residents layer the figures use: the coverage layer's, else the last one the worker took (null: none yet). */
export function usePopulationInUse(): PopulationSummary | null {
  const onView = useAppStore((s) => s.coverage.view?.population);
  const status = useAppStore((s) => s.coverage.population);
  return onView ?? (status?.report ? { source: status.source, report: status.report } : null);
}

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
