import { useCallback, useEffect, useRef, useState } from 'react';
import { canRedo, canUndo, cancelPreview, commit, createHistory, preview, redo, undo, type History } from '../../domain/history';
import { addSite, freeSiteId, moveSite, removeSite, updateSite, type SitePatch } from '../../domain/siteEdits';
import { uniqueTag } from '../../domain/scenarioLibrary';
import type { FacilityTypeId } from '../../domain/facilityTypes';
import type { Site } from '../../domain/site';
import type { ScenarioMeta } from '../../domain/scenarioFile';
import type { MapTool, SiteEditEvent } from '../MapView';

export interface ScenarioState {
  meta: ScenarioMeta | null;
  sites: readonly Site[];
}

export interface ScenarioEditing {
  scenario: ScenarioState;
  /** Replaces the scenario as one undoable step (loading a file, clearing, back to the sample). */
  setScenario: (next: ScenarioState) => void;
  /** Replaces the scenario and forgets the history (the first load). */
  resetScenario: (next: ScenarioState) => void;
  /** The whole undo history, kept per scenario when the user switches scenarios. */
  history: History<ScenarioState>;
  /** Puts back a scenario's history (switching to it) — its present becomes the edited scenario. */
  replaceHistory: (history: History<ScenarioState>) => void;
  tool: MapTool;
  setTool: (tool: MapTool) => void;
  addType: FacilityTypeId;
  setAddType: (type: FacilityTypeId) => void;
  selectedId: string | null;
  selected: Site | null;
  onSiteEdit: (event: SiteEditEvent) => void;
  updateSelected: (patch: SitePatch) => string | null;
  deleteSelected: () => void;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
  /** True while another tab edits this scenario: every edit is refused here (read-only). */
  locked: boolean;
  setLocked: (locked: boolean) => void;
}

/** This page's part of new site ids (unique across tabs and sessions). */
const PAGE_TAG = uniqueTag().slice(0, 6);

/** Typing in a form field must not delete a site or undo an edit. */
function isTextInput(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

/**
 * The scenario being edited, with undo/redo, the map tool, the selected site and the keyboard:
 * Delete removes the selected site, Esc leaves the add tool / cancels a drag / deselects,
 * Ctrl/Cmd+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo.
 */
export function useScenarioEditing(defaultAddType: FacilityTypeId): ScenarioEditing {
  const [history, setHistory] = useState<History<ScenarioState>>(() => createHistory({ meta: null, sites: [] }));
  const [tool, setTool] = useState<MapTool>('select');
  const [addType, setAddType] = useState<FacilityTypeId>(defaultAddType);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [locked, setLockedState] = useState(false);
  const lockedRef = useRef(false);
  const scenario = history.present;

  /** Applies an edit to the history, unless the scenario is read-only in this tab. */
  const change = useCallback((f: (h: History<ScenarioState>) => History<ScenarioState>) => {
    if (lockedRef.current) return;
    setHistory(f);
  }, []);

  const setLocked = useCallback((value: boolean) => {
    lockedRef.current = value;
    setLockedState(value);
    if (value) {
      setHistory(cancelPreview);
      setTool('select');
      setSelectedId(null); // the site editor closes: nothing can be changed here
    }
  }, []);

  const edit = useCallback(
    (f: (sites: readonly Site[]) => readonly Site[]) => {
      change((h) => commit(h, { ...h.present, sites: f(h.present.sites) }));
    },
    [change],
  );

  const onSiteEdit = useCallback(
    (event: SiteEditEvent) => {
      switch (event.kind) {
        case 'select':
          setSelectedId(event.id);
          break;
        case 'add': {
          // The id carries this page's tag: a site added in another tab or session never shares it.
          const id = freeSiteId(scenario.sites, `new-${PAGE_TAG}`);
          const site: Site = { id, type: addType, lon: event.lon, lat: event.lat, status: 'candidate', name: `new-${id.slice(id.lastIndexOf('-') + 1)}` };
          if (lockedRef.current) break;
          change((h) => commit(h, { ...h.present, sites: addSite(h.present.sites, site) }));
          setSelectedId(id);
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
    [addType, scenario.sites, change],
  );

  const selected = scenario.sites.find((s) => s.id === selectedId) ?? null;

  const updateSelected = (patch: SitePatch): string | null => {
    if (!selected) return null;
    if (lockedRef.current) return 'read-only: this scenario is being edited in another tab';
    const result = updateSite(scenario.sites, selected.id, patch);
    if ('error' in result) return result.error;
    change((h) => commit(h, { ...h.present, sites: result.sites }));
    return null;
  };

  const deleteSelected = useCallback(() => {
    if (selectedId === null) return;
    edit((sites) => removeSite(sites, selectedId));
    setSelectedId(null);
  }, [edit, selectedId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTextInput(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z' && !e.shiftKey) {
        e.preventDefault();
        change(undo);
      } else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) {
        e.preventDefault();
        change(redo);
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && selectedId !== null) {
        e.preventDefault();
        deleteSelected();
      } else if (e.key === 'Escape') {
        setHistory(cancelPreview);
        setTool('select');
        setSelectedId(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [deleteSelected, selectedId, change]);

  const setToolUnlessLocked = useCallback((t: MapTool) => {
    if (!lockedRef.current || t === 'select') setTool(t);
  }, []);

  const setScenario = useCallback((next: ScenarioState) => change((h) => commit(h, next)), [change]);
  const resetScenario = useCallback((next: ScenarioState) => setHistory(createHistory(next)), []);

  const replaceHistory = useCallback((h: History<ScenarioState>) => {
    setHistory(h);
    setSelectedId(null);
  }, []);

  return {
    scenario,
    setScenario,
    resetScenario,
    history,
    replaceHistory,
    tool,
    setTool: setToolUnlessLocked,
    addType,
    setAddType,
    selectedId,
    selected,
    onSiteEdit,
    updateSelected,
    deleteSelected,
    undo: () => change(undo),
    redo: () => change(redo),
    canUndo: !locked && canUndo(history),
    canRedo: !locked && canRedo(history),
    locked,
    setLocked,
  };
}
