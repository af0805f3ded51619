/**
 * One scenario is edited in one tab at a time (the browser's side: tabCoordination.ts). This tab
 * asks for the current scenario's edit lock; while another tab holds it, this one is read-only and
 * waits in line, so it edits again as soon as the other lets go. "Take over" asks the holder to save
 * and let go, and takes the lock anyway if it does not answer in time. The tabs' channel also says
 * when another tab saved: this one then reads those records and adopts them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isLoaded } from '../../domain/scenarioLibrary';
import { readStored } from '../../io/autosave';
import { useAppStore } from '../state/appStore';
import { adoptStored } from './adoptStored';
import type { LibraryCore } from './libraryCore';
import { haveLocks, openTabChannel, requestEditLock, TAB_ID, TAKE_OVER_WAIT_MS } from './tabCoordination';
import type { SaveQueue } from './useSaveQueue';

export type EditMode =
  /** Reading the library and asking for the scenario's lock. */
  | 'starting'
  /** This tab edits the scenario. */
  | 'edit'
  /** Another tab is editing it: read-only here. */
  | 'elsewhere'
  /** Another tab took it over from this one: read-only here. */
  | 'taken'
  /** "Take over" asked the other tab to let go. */
  | 'waiting';

export interface EditLock {
  editMode: EditMode;
  /** The mode as it is now, for callbacks (ahead of React's state). */
  mode: { current: EditMode };
  /** Asks the tab editing the current scenario to let go; this tab then edits it. */
  takeOver: () => void;
}

export function useEditLock(core: LibraryCore, currentId: string | null, { saveNow, inTurn }: Pick<SaveQueue, 'saveNow' | 'inTurn'>): EditLock {
  const { libraryRef, held } = core;
  const { setLocked } = useAppStore.getState();
  const [editMode, setEditModeState] = useState<EditMode>('starting');
  const modeRef = useRef<EditMode>('starting');
  /** This tab's place in line for the current scenario's lock (read-only until granted). */
  const waiting = useRef<{ id: string; abort: () => void; steal: () => void } | null>(null);

  // The store refuses every edit while this tab does not hold the lock.
  const setMode = useCallback(
    (mode: EditMode) => {
      modeRef.current = mode;
      setEditModeState(mode);
      setLocked(mode !== 'edit');
    },
    [setLocked],
  );

  /** Reads scenario `id` as stored, when another tab saved it since this tab read it (before editing it here). */
  const refresh = useCallback(
    (id: string) =>
      inTurn(async () => {
        const r = await readStored([id]).catch(() => null);
        if (!r?.entries) return;
        const rec = r.scenarios.find((s) => s.id === id);
        const fresh = rec && rec.stamp.rev !== core.stored.saved.get(id)?.rev && !core.stored.dirty.has(id) ? [rec] : [];
        await adoptStored(core, r.entries, fresh, null, true);
      }),
    [core, inTurn],
  );

  /** Asks for the edit lock of `id`; the mode follows what is granted. */
  const acquire = useCallback(
    (id: string, how: 'try' | 'wait' | 'steal', signal?: AbortSignal) => {
      if (!haveLocks()) return setMode('edit');
      let release!: () => void;
      const hold = new Promise<void>((resolve) => (release = resolve));
      requestEditLock(id, {
        how,
        signal,
        busy: () => {
          if (libraryRef.current?.currentId !== id || held.current) return;
          setMode('elsewhere');
          queue(id);
        },
        granted: async () => {
          if (waiting.current?.id === id) {
            waiting.current.abort();
            waiting.current = null;
          }
          if (libraryRef.current?.currentId !== id || held.current) return; // moved on meanwhile: let it go
          held.current = { id, release };
          // From another tab (it saved before letting go): read what it saved.
          if (how !== 'try') await refresh(id);
          if (held.current?.id === id) setMode('edit');
          await hold;
        },
        lost: () => {
          if (held.current?.id !== id || held.current.release !== release) return;
          held.current = null;
          if (libraryRef.current?.currentId !== id) return;
          setMode('taken');
          queue(id);
        },
      });
    },
    // queue is declared below and stable (a ref-backed callback).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [refresh, setMode],
  );

  /**
   * Read-only here: waits in line for the scenario's lock, so this tab edits again as soon as the
   * other one lets go (moves to another scenario, or closes). Cancelled when the user moves on.
   */
  const queueRef = useRef<(id: string) => void>(() => {});
  const queue = useCallback((id: string) => queueRef.current(id), []);
  queueRef.current = (id: string) => {
    waiting.current?.abort();
    const queued = new AbortController();
    let timer: number | undefined;
    waiting.current = {
      id,
      abort: () => {
        window.clearTimeout(timer);
        queued.abort();
      },
      steal: () => {
        // "Take over" asked the holder to let go; if it does not within the wait (a frozen page, or
        // an older version of the app), take the lock from it.
        window.clearTimeout(timer);
        timer = window.setTimeout(() => {
          if (waiting.current?.id !== id) return;
          waiting.current = null;
          queued.abort();
          if (libraryRef.current?.currentId === id && !held.current) acquire(id, 'steal');
        }, TAKE_OVER_WAIT_MS);
      },
    };
    acquire(id, 'wait', queued.signal);
  };

  // One edit lock: the current scenario's. Switching lets the old one go once its edits are saved.
  useEffect(() => {
    if (currentId === null || held.current?.id === currentId) return;
    waiting.current?.abort();
    waiting.current = null;
    const previous = held.current;
    held.current = null;
    if (previous) void saveNow().finally(previous.release);
    setMode('starting');
    acquire(currentId, 'try');
  }, [currentId, acquire, saveNow, setMode, held]);

  const takeOver = useCallback(() => {
    const id = libraryRef.current?.currentId;
    if (!id || modeRef.current === 'edit' || modeRef.current === 'waiting') return;
    setMode('waiting');
    core.channel.current?.post({ type: 'release', from: TAB_ID, id });
    if (waiting.current?.id !== id) queue(id);
    waiting.current?.steal();
  }, [core, libraryRef, queue, setMode]);

  // Messages from the other tabs.
  useEffect(() => {
    const c = openTabChannel((m) => {
      if (m.type === 'release') {
        const h = held.current;
        if (!h || h.id !== m.id) return;
        // Another tab takes this scenario over: stop editing, save, then let go.
        held.current = null;
        setMode('taken');
        void saveNow().finally(() => {
          h.release();
          // In line again: this tab edits once the other lets go.
          if (libraryRef.current?.currentId === h.id && !held.current) queue(h.id);
        });
        return;
      }
      // In turn with this tab's own saves, so the two do not cross. Only scenarios read here are
      // read again (the others follow the list's summary).
      void inTurn(async () => {
        const lib = libraryRef.current;
        if (!lib) return;
        const loaded = new Set(lib.entries.filter(isLoaded).map((e) => e.id));
        const ids = [...new Set(m.changed)].filter((id) => typeof id === 'string' && loaded.has(id));
        const r = await readStored(ids).catch(() => null);
        if (r?.entries) await adoptStored(core, r.entries, r.scenarios);
      });
    });
    core.channel.current = c;
    return () => {
      c?.close();
      core.channel.current = null;
    };
  }, [core, held, libraryRef, saveNow, setMode, queue, inTurn]);

  return { editMode, mode: modeRef, takeOver };
}
