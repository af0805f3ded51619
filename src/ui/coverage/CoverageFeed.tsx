import { useAppStore } from '../state/appStore';
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
  useCoverageWorker({ ...input, sites, population, capacity, asOf }, useAppStore.getState().updateCoverage);
  return null;
}
