/**
 * The scenario being edited, in the app's store: its undo history (a drag previews without
 * recording, the drop commits: src/domain/history.ts), the map tool, the type new sites get, the
 * selected site, and whether another tab holds the scenario (every edit refused here). The
 * library (librarySlice.ts) follows every change of the history in the same update, and swaps
 * histories when the user switches scenarios.
 */
import { cancelPreview, commit, createHistory, preview, redo, undo, type History } from '../../domain/history';
import { addSite, freeSiteId, moveSite, removeSite, updateSite, type SitePatch } from '../../domain/siteEdits';
import { uniqueTag } from '../../domain/scenarioLibrary';
import type { FacilityTypeId } from '../../domain/facilityTypes';
import type { Site } from '../../domain/site';
import type { ScenarioMeta } from '../../domain/scenarioFile';
import type { MapTool, SiteEditEvent } from '../mapView/MapView';

export interface ScenarioState {
  meta: ScenarioMeta | null;
  sites: readonly Site[];
}

export interface EditingSlice {
  /** The whole undo history, kept per scenario when the user switches scenarios. */
  history: History<ScenarioState>;
  tool: MapTool;
  addType: FacilityTypeId;
  selectedId: string | null;
  /** True while another tab edits this scenario: every edit is refused here (read-only). */
  locked: boolean;
  /** Replaces the scenario as one undoable step (loading a file, clearing, back to the sample). */
  setScenario: (next: ScenarioState) => void;
  /** The map tool; only 'select' while read-only. */
  setTool: (tool: MapTool) => void;
  setAddType: (type: FacilityTypeId) => void;
  setLocked: (locked: boolean) => void;
  onSiteEdit: (event: SiteEditEvent) => void;
  /** Changes the selected site; the reason when refused. */
  updateSelected: (patch: SitePatch) => string | null;
  deleteSelected: () => void;
  undo: () => void;
  redo: () => void;
  /** Esc: a drag is cancelled, the add tool left, the site deselected. */
  escape: () => void;
}

/** This page's part of new site ids (unique across tabs and sessions). */
const PAGE_TAG = uniqueTag().slice(0, 6);

type Set = (partial: Partial<EditingSlice> | ((s: EditingSlice) => Partial<EditingSlice>)) => void;
type Get = () => EditingSlice;

/** The selected site of the edited scenario (null: none). */
export const selectedSite = (s: EditingSlice): Site | null => (s.selectedId === null ? null : (s.history.present.sites.find((x) => x.id === s.selectedId) ?? null));

export function createEditingSlice(defaultAddType: FacilityTypeId, set: Set, get: Get): EditingSlice {
  /** Applies an edit to the history, unless the scenario is read-only in this tab. */
  const change = (f: (h: History<ScenarioState>) => History<ScenarioState>) => {
    if (get().locked) return;
    set((s) => ({ history: f(s.history) }));
  };
  return {
    history: createHistory({ meta: null, sites: [] }),
    tool: 'select',
    addType: defaultAddType,
    selectedId: null,
    locked: false,
    setScenario: (next) => change((h) => commit(h, next)),
    setTool: (tool) => {
      if (!get().locked || tool === 'select') set({ tool });
    },
    setAddType: (addType) => set({ addType }),
    setLocked: (locked) =>
      // Read-only: a drag is cancelled and the site editor closes (nothing can be changed here).
      set((s) => (locked ? { locked, history: cancelPreview(s.history), tool: 'select', selectedId: null } : { locked })),
    onSiteEdit: (event) => {
      switch (event.kind) {
        case 'select':
          set({ selectedId: event.id });
          break;
        case 'add': {
          // The id carries this page's tag: a site added in another tab or session never shares it.
          const id = freeSiteId(get().history.present.sites, `new-${PAGE_TAG}`);
          const site: Site = { id, type: get().addType, lon: event.lon, lat: event.lat, status: 'candidate', name: `new-${id.slice(id.lastIndexOf('-') + 1)}` };
          if (get().locked) break;
          change((h) => commit(h, { ...h.present, sites: addSite(h.present.sites, site) }));
          set({ selectedId: id });
          break;
        }
        case 'drag':
          change((h) => preview(h, { ...h.present, sites: moveSite(h.present.sites, event.id, event.lon, event.lat) }));
          break;
        case 'drop':
          change((h) => commit(h, h.present));
          break;
      }
    },
    updateSelected: (patch) => {
      const selected = selectedSite(get());
      if (!selected) return null;
      if (get().locked) return 'read-only: this scenario is being edited in another tab';
      const result = updateSite(get().history.present.sites, selected.id, patch);
      if ('error' in result) return result.error;
      change((h) => commit(h, { ...h.present, sites: result.sites }));
      return null;
    },
    deleteSelected: () => {
      const id = get().selectedId;
      if (id === null) return;
      change((h) => commit(h, { ...h.present, sites: removeSite(h.present.sites, id) }));
      set({ selectedId: null });
    },
    undo: () => change(undo),
    redo: () => change(redo),
    escape: () => set((s) => ({ history: cancelPreview(s.history), tool: 'select', selectedId: null })),
  };
}
