/**
 * The edit journal (src/io/editJournal.ts): a drag is journalled as one site, a fresh scenario whole;
 * replaying a journal over what IndexedDB holds gives back exactly the library that was on screen
 * (sites, order, names, current, deletions); a journal too large for localStorage, or a storage that
 * throws (quota), is reported, never half-written.
 */
import { describe, expect, it } from 'vitest';
import { JOURNAL_PREFIX, makeJournal, MAX_JOURNAL_CHARS, readJournals, replayable, replayJournal, savedSnapshot, writeJournal } from '../../src/io/editJournal';
import type { ScenarioLibrary } from '../../src/domain/scenarioLibrary';
import type { Site } from '../../src/domain/site';

/** A Storage over a Map (the browser's localStorage API), optionally failing every write. */
function memoryStorage(failWrites = false): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i: number) => [...m.keys()][i] ?? null,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (failWrites) throw new DOMException('full', 'QuotaExceededError');
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
  };
}

const site = (id: string, lon = 121.4, lat = 31.2): Site => ({ id, type: 'ev-charging-station', lon, lat, status: 'existing' });
const library = (): ScenarioLibrary => ({
  currentId: 'a',
  entries: [
    { id: 'a', name: 'A', meta: null, sites: [site('a1'), site('a2'), site('a3')] },
    { id: 'b', name: null, meta: null, sites: [site('b1')] },
  ],
});

describe('edit journal', () => {
  it('journals a drag as one site, and replaying it over the saved library gives the library on screen', () => {
    const saved = library();
    const snapshot = savedSnapshot(saved, ['a', 'b']);
    const onScreen: ScenarioLibrary = {
      ...saved,
      entries: [{ ...saved.entries[0]!, sites: [saved.entries[0]!.sites[0]!, site('a2', 121.41, 31.21), saved.entries[0]!.sites[2]!] }, saved.entries[1]!],
    };
    const j = makeJournal('tab', onScreen, snapshot, new Set(['a']));
    expect(j.scenarios).toHaveLength(1);
    expect(j.scenarios[0]).toMatchObject({ id: 'a', fresh: false, remove: [], order: ['a1', 'a2', 'a3'] });
    expect(j.scenarios[0]!.upsert.map((s) => [s.id, s.lon])).toEqual([['a2', 121.41]]);
    expect(replayJournal(saved, j)).toEqual({ library: onScreen, changed: ['a'], removed: [] });
  });

  it('replays additions, removals, order, a new scenario, a rename, a deletion and the current choice', () => {
    const saved = library();
    const snapshot = savedSnapshot(saved, ['a', 'b']);
    const onScreen: ScenarioLibrary = {
      currentId: 'c',
      entries: [
        { id: 'a', name: 'A renamed', meta: null, sites: [site('a3'), site('new-x', 121.5, 31.3), site('a1')] },
        { id: 'c', name: 'C', meta: null, sites: [site('c1'), site('c2')] },
      ],
    };
    const j = makeJournal('tab', onScreen, snapshot, new Set(['a', 'c']));
    expect(j.scenarios.find((d) => d.id === 'c')).toMatchObject({ fresh: true });
    const r = replayJournal(saved, j);
    expect(r.library).toEqual(onScreen);
    expect(r.removed).toEqual(['b']);
    // Through the storage: written, read back, replayed the same.
    const storage = memoryStorage();
    expect(writeJournal(storage, 'tab', j)).toBe('written');
    const { journals, problems, keys } = readJournals(storage);
    expect(problems).toEqual([]);
    expect(keys).toEqual([`${JOURNAL_PREFIX}tab`]);
    expect(replayJournal(saved, journals[0]!).library).toEqual(onScreen);
    expect(writeJournal(storage, 'tab', null)).toBe('removed');
    expect(readJournals(storage).journals).toEqual([]);
  });

  it('an unchanged library journals no scenario; a too-large or failing write is reported and leaves no half journal', () => {
    const saved = library();
    expect(makeJournal('tab', saved, savedSnapshot(saved, ['a', 'b'])).scenarios).toEqual([]);
    const huge: ScenarioLibrary = { currentId: 'a', entries: [{ id: 'a', name: null, meta: null, sites: Array.from({ length: 30_000 }, (_, i) => site(`s${i}`)) }] };
    const storage = memoryStorage();
    const j = makeJournal('tab', huge, new Map());
    expect(JSON.stringify(j).length).toBeGreaterThan(MAX_JOURNAL_CHARS);
    expect(writeJournal(storage, 'tab', j)).toBe('too-large');
    expect(storage.length).toBe(0);
    expect(writeJournal(memoryStorage(true), 'tab', makeJournal('tab', saved, new Map()))).toBe('failed');
  });

  it('a damaged journal is named and skipped', () => {
    const storage = memoryStorage();
    storage.setItem(`${JOURNAL_PREFIX}x`, '{"version":1,"tab":"x"');
    storage.setItem(`${JOURNAL_PREFIX}y`, JSON.stringify({ version: 1, tab: 'y', writtenAt: 1, index: { currentId: 'a', entries: [] }, scenarios: [] }));
    storage.setItem('unrelated', 'x');
    const r = readJournals(storage);
    expect(r.journals).toEqual([]);
    expect(r.problems).toHaveLength(2);
  });

  it('replays only journals of gone tabs that follow the IndexedDB save found now (or a later save of their own tab)', () => {
    const lib = library();
    const j = (tab: string, base: number) => makeJournal(tab, lib, new Map(), undefined, base);
    const journals = [j('me', 5), j('alive', 5), j('gone', 5), j('gone-old', 4), j('writer', 4), j('fresh', 0)];
    const r = replayable(journals, 'me', new Set(['alive']), { revision: 5, writer: 'writer' });
    // 'writer' saved revision 5 after writing its journal on 4: its journal still follows its own save.
    expect(r.replay.map((x) => x.tab)).toEqual(['gone', 'writer']);
    expect(r.stale.map((x) => x.tab)).toEqual(['gone-old', 'fresh']);
    // Nothing saved yet: first-start journals (base 0) replay; a record from before revisions: none.
    expect(replayable(journals, 'me', null, { revision: 0, writer: null }).replay.map((x) => x.tab)).toEqual(['fresh']);
    expect(replayable(journals, 'me', null, { revision: null, writer: null }).replay).toEqual([]);
  });
});
