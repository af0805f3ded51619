import { useMemo } from 'react';
import type { AreaSelector } from '../../coverage/engine';
import { useAppStore } from '../state/appStore';
import { selectedArea } from '../state/selection';
import { useCoverageWorker, type CoverageInput } from './useCoverage';

/**
 * Runs the coverage worker for the app on the edited scenario's sites (each drag step); its answers go to the store, where only the panels that
 * show them (and the map) subscribe. Draws nothing: its re-render on each edit re-renders nothing else.
 */
export function CoverageFeed(input: Omit<CoverageInput, 'sites'>) {
  const sites = useAppStore((s) => s.history.present.sites);
  const population = useAppStore((s) => s.population.input);
  const capacity = useAppStore((s) => s.capacity.shown);
  const asOf = useAppStore((s) => s.asOf);
  const cellM = useAppStore((s) => s.cellM);
  // The largest gaps by residents are ranked in the selection (selected as a string: a stable snapshot).
  const patchKey = useAppStore((s) => JSON.stringify(selectedArea(s.selection)));
  const patchArea = useMemo(() => JSON.parse(patchKey) as AreaSelector, [patchKey]);
  useCoverageWorker({ ...input, sites, population, capacity, asOf, patchArea, cellM }, useAppStore.getState().updateCoverage);
  return null;
}
