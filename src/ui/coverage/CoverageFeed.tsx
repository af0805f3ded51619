import { useAppStore } from '../state/appStore';
import { useCoverageWorker, type CoverageInput } from './useCoverage';

/**
 * Runs the coverage worker for the app; its answers go to the store, where only the panels that
 * show them (and the map) subscribe. Draws nothing: its re-render on each edit re-renders nothing else.
 */
export function CoverageFeed(input: CoverageInput) {
  useCoverageWorker(input, useAppStore.getState().updateCoverage);
  return null;
}
