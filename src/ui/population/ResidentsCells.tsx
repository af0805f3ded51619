/**
 * The line naming where resident figures come from, and the residents layer in use: the parts that
 * read the app's store (the embed's bundle reaches ResidentsLine.tsx only).
 */
import type { PopulationSource, PopulationSummary } from '../../domain/population';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { groundLine } from './residentsText';
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
