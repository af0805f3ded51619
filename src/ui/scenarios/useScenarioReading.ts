/**
 * A big library reads only its list at start: a scenario's sites are read when it is first opened
 * or compared. One that cannot be read is named, left out here and left as it is in storage.
 */
import { useCallback, useState } from 'react';
import { readStored } from '../../io/autosave';
import { installLibrary, type LibraryCore } from './libraryCore';

export interface ScenarioReading {
  /** The scenario whose sites are being read (null: none). */
  reading: string | null;
  /** Reads scenario `id`'s sites unless they are read already; false when they cannot be. */
  ensureLoaded: (id: string) => Promise<boolean>;
}

export function useScenarioReading(core: LibraryCore): ScenarioReading {
  const [reading, setReading] = useState<string | null>(null);
  const ensureLoaded = useCallback(
    async (id: string): Promise<boolean> => {
      const { libraryRef, stored } = core;
      const entry = libraryRef.current?.entries.find((e) => e.id === id);
      if (!entry) return false;
      if (entry.sites) return true;
      setReading(id);
      const r = await readStored([id]).catch((e: Error) => ({ entries: null, scenarios: [], problems: new Map([[id, e.message]]) }));
      setReading((x) => (x === id ? null : x));
      const rec = r.scenarios.find((x) => x.id === id);
      const lib = libraryRef.current;
      if (!lib) return false;
      if (!rec) {
        stored.unreadable.add(id);
        core.setError({ file: 'IndexedDB', message: `scenario "${entry.name ?? id}" could not be read: ${r.problems.get(id) ?? 'unknown problem'}` });
        const next = { ...lib, entries: lib.entries.filter((e) => e.id !== id) };
        if (next.entries.length > 0) installLibrary(next);
        return false;
      }
      stored.saved.set(id, { list: rec.sites, meta: rec.meta, rev: rec.stamp.rev });
      installLibrary({ ...lib, entries: lib.entries.map((e) => (e.id === id && !e.sites ? { id, name: e.name, meta: rec.meta, sites: rec.sites } : e)) });
      return true;
    },
    [core],
  );
  return { reading, ensureLoaded };
}
