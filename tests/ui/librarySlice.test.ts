/**
 * The current scenario lives once: after any sequence of edits (add, drag steps, drop, undo, redo,
 * Esc, replace, delete) and library changes (switch, new, rename, delete, a list read before an
 * await, another tab's version taken), the library's current entry is the edited history's settled
 * state, by reference; an edit marks the scenario dirty; switching away and back keeps its undo.
 * The slices run in a zustand store of their own, as the app's store composes them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { create } from 'zustand';
import { createHistory } from '../../src/domain/history';
import { addScenario, createLibrary, currentEntry, deleteScenario, renameScenario, selectScenario } from '../../src/domain/scenarioLibrary';
import type { Site } from '../../src/domain/site';
import { createEditingSlice, type EditingSlice } from '../../src/ui/state/editingSlice';
import { createLibrarySlice, followSettled, settled, type LibrarySlice } from '../../src/ui/state/librarySlice';

type Both = EditingSlice & LibrarySlice;
const makeStore = () =>
  create<Both>()((set, get) => ({
    ...createEditingSlice('ev-charging-pile', followSettled(set), get),
    ...createLibrarySlice(set),
  }));

const site = (id: string, lon: number): Site => ({ id, type: 'ev-charging-pile', lon, lat: 31.2, status: 'existing', name: id });

const action = fc.oneof(
  fc.record({ k: fc.constant('add' as const), lon: fc.double({ min: 121.3, max: 121.6, noNaN: true }) }),
  fc.record({ k: fc.constant('drag' as const), i: fc.nat(), lon: fc.double({ min: 121.3, max: 121.6, noNaN: true }) }),
  fc.constant({ k: 'drop' as const }),
  fc.constant({ k: 'undo' as const }),
  fc.constant({ k: 'redo' as const }),
  fc.constant({ k: 'escape' as const }),
  fc.record({ k: fc.constant('select' as const), i: fc.nat() }),
  fc.constant({ k: 'deleteSelected' as const }),
  fc.constant({ k: 'replace' as const }),
  fc.constant({ k: 'newScenario' as const }),
  fc.record({ k: fc.constant('switch' as const), i: fc.nat() }),
  fc.record({ k: fc.constant('rename' as const), i: fc.nat() }),
  fc.record({ k: fc.constant('deleteScenario' as const), i: fc.nat() }),
  fc.constant({ k: 'staleList' as const }),
  fc.constant({ k: 'theirs' as const }),
);

describe('librarySlice: the current scenario lives once', () => {
  it('the current entry is the settled history after every action', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        const store = makeStore();
        const s = () => store.getState();
        s().installLibrary(createLibrary({ name: 'A', meta: null, sites: [site('a', 121.4)] }));
        let stale = s().library!;
        let n = 0;
        for (const a of actions) {
          const sites = s().history.present.sites;
          const lib = s().library!;
          const before = settled(s().history);
          switch (a.k) {
            case 'add':
              s().onSiteEdit({ kind: 'add', lon: a.lon, lat: 31.2 });
              break;
            case 'drag':
              if (sites.length > 0) s().onSiteEdit({ kind: 'drag', id: sites[a.i % sites.length]!.id, lon: a.lon, lat: 31.21 });
              break;
            case 'drop': {
              const moving = s().history.pending ? sites.find((x, i) => x !== s().history.pending!.sites[i]) : undefined;
              if (moving) s().onSiteEdit({ kind: 'drop', id: moving.id });
              break;
            }
            case 'undo':
              s().undo();
              break;
            case 'redo':
              s().redo();
              break;
            case 'escape':
              s().escape();
              break;
            case 'select':
              if (sites.length > 0) s().onSiteEdit({ kind: 'select', id: sites[a.i % sites.length]!.id });
              break;
            case 'deleteSelected':
              s().deleteSelected();
              break;
            case 'replace':
              s().setScenario({ meta: null, sites: [site(`r${n++}`, 121.5)] });
              break;
            case 'newScenario':
              s().installLibrary(addScenario(lib, { name: `N${n}`, meta: null, sites: [] }, `n${n++}`));
              break;
            case 'switch':
              s().installLibrary(selectScenario(lib, lib.entries[a.i % lib.entries.length]!.id));
              break;
            case 'rename': {
              const r = renameScenario(lib, lib.entries[a.i % lib.entries.length]!.id, `R${n++}`);
              if (!('problem' in r)) s().installLibrary(r);
              break;
            }
            case 'deleteScenario': {
              const d = deleteScenario(lib, lib.entries[a.i % lib.entries.length]!.id);
              if (!('problem' in d)) s().installLibrary(d);
              break;
            }
            case 'staleList':
              // A list read before an await, installed after edits: the edits stay.
              if (stale.currentId === lib.currentId && stale.entries.every((e) => lib.entries.some((x) => x.id === e.id))) s().installLibrary({ ...lib, entries: lib.entries.map((e) => stale.entries.find((x) => x.id === e.id && e.id === lib.currentId) ?? e) });
              stale = s().library!;
              break;
            case 'theirs': {
              // Another tab's version of the current scenario, taken with a fresh history.
              const theirs = { meta: null, sites: [site(`t${n++}`, 121.45)] };
              s().installLibrary({ ...lib, entries: lib.entries.map((e) => (e.id === lib.currentId ? { ...e, ...theirs } : e)) }, createHistory(theirs));
              break;
            }
          }
          const now = s();
          const cur = currentEntry(now.library!);
          const state = settled(now.history);
          expect(cur.sites).toBe(state.sites);
          expect(cur.meta).toBe(state.meta);
          // An edit that changed the settled scenario marks it dirty, in the same update.
          if (now.library!.currentId === lib.currentId && state.sites !== before.sites && a.k !== 'theirs') expect(now.dirty.has(lib.currentId)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a drag step leaves the library alone; the drop writes it once', () => {
    const store = makeStore();
    const s = () => store.getState();
    s().installLibrary(createLibrary({ name: 'A', meta: null, sites: [site('a', 121.4), site('b', 121.5)] }));
    const lib = s().library;
    s().onSiteEdit({ kind: 'drag', id: 'a', lon: 121.41, lat: 31.2 });
    s().onSiteEdit({ kind: 'drag', id: 'a', lon: 121.42, lat: 31.2 });
    expect(s().library).toBe(lib);
    expect(s().dirty.size).toBe(0);
    s().onSiteEdit({ kind: 'drop', id: 'a' });
    expect(currentEntry(s().library!).sites.find((x) => x.id === 'a')?.lon).toBe(121.42);
    expect([...s().dirty]).toEqual([s().library!.currentId]);
  });

  it('switching away and back keeps the undo history; a deleted scenario forgets it', () => {
    const store = makeStore();
    const s = () => store.getState();
    s().installLibrary(createLibrary({ name: 'A', meta: null, sites: [] }));
    const a = s().library!.currentId;
    s().onSiteEdit({ kind: 'add', lon: 121.4, lat: 31.2 });
    s().installLibrary(addScenario(s().library!, { name: 'B', meta: null, sites: [] }, 'b'));
    expect(s().history.past).toHaveLength(0);
    expect(s().histories.has(a)).toBe(true);
    s().installLibrary(selectScenario(s().library!, a));
    expect(s().history.past).toHaveLength(1);
    s().undo();
    expect(currentEntry(s().library!).sites).toHaveLength(0);
    s().installLibrary(selectScenario(s().library!, 'b'));
    const d = deleteScenario(s().library!, 'b');
    if ('problem' in d) throw new Error('unexpected');
    s().installLibrary(d);
    expect(s().library!.currentId).toBe(a);
    expect(s().histories.has('b')).toBe(false);
  });
});
