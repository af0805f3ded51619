/**
 * The app's one owner of shared state (zustand): what several panels read and no single component
 * owns. Components subscribe with selectors to the part they draw, so a change re-renders only them
 * (a drag step: the map and the panels that show its numbers, not the whole tree); workers' callbacks
 * write here directly, outside React. See README "App state".
 */
import { create } from 'zustand';
import { readStartupLink } from '../share/startupLink';
import { linkSelection, selectOnMap, selectScope, type Selection } from './selection';

export interface AppState {
  /** The one selection: district and zone (src/ui/state/selection.ts). */
  selection: Selection;
  /** A click on the map (null: on no district). */
  selectOnMap: (adcode: string | null) => void;
  /** The scorecard's choice of district and zone. */
  selectScope: (district: string | null, zone: string | null) => void;
  /** Closes the district panel (the district stays selected for the scorecard and the link). */
  closeDistrict: () => void;
}

export const useAppStore = create<AppState>()((set) => ({
  // The share link the page opened with, read once as the module starts (before the first render).
  selection: linkSelection(readStartupLink().state),
  selectOnMap: (adcode) => set((s) => ({ selection: selectOnMap(s.selection, adcode) })),
  selectScope: (district, zone) => set((s) => ({ selection: selectScope(s.selection, district, zone) })),
  closeDistrict: () => set((s) => ({ selection: { ...s.selection, shown: false } })),
}));
