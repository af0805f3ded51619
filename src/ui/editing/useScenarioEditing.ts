import { useEffect } from 'react';
import { useAppStore } from '../state/appStore';

export type { ScenarioState } from '../state/editingSlice';

/** Typing in a form field must not delete a site or undo an edit. */
function isTextInput(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

/**
 * The editing keys (the scenario's state and edits are in the app's store: src/ui/state/editingSlice.ts):
 * Delete removes the selected site, Esc leaves the add tool / cancels a drag / deselects,
 * Ctrl/Cmd+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo.
 */
export function useEditingKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTextInput(e.target)) return;
      const editing = useAppStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z' && !e.shiftKey) {
        e.preventDefault();
        editing.undo();
      } else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) {
        e.preventDefault();
        editing.redo();
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && editing.selectedId !== null) {
        e.preventDefault();
        editing.deleteSelected();
      } else if (e.key === 'Escape') {
        editing.escape();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
