/**
 * Work is not lost when the page goes: a waiting save runs at once when the page is hidden or
 * closed, and the browser asks before leaving only while an edit is truly unsaved — not yet in
 * IndexedDB AND not in the journal either (too large for it, or it could not be written).
 */
import { useEffect } from 'react';
import type { SaveQueue } from './useSaveQueue';
import type { EditJournal } from './useEditJournal';
import { saveStatus } from './saveStatus';

export function useUnsavedGuard({ saveNow, scheduled }: Pick<SaveQueue, 'saveNow' | 'scheduled'>, journal: EditJournal): void {
  useEffect(() => {
    const flush = () => {
      if (scheduled.current) void saveNow();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      // A save waiting for its timer, or one under way.
      const unsaved = scheduled.current || saveStatus().pending === true;
      if (!unsaved || journal.state.current === 'written' || journal.state.current === 'removed') return;
      flush();
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [saveNow, scheduled, journal]);
}
