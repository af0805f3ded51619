/**
 * Which side-panel sections the user has folded, kept in localStorage so the panel opens as it was
 * left. Every section is open unless folded; a stored value that is not a list of ids is ignored.
 */
import { safeStorage } from '../../io/safeStorage';

const KEY = 'shanghai-siting.folded-panels';

export function readFolded(): Set<string> {
  try {
    const raw: unknown = JSON.parse(safeStorage()?.getItem(KEY) ?? '[]');
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function writeFolded(folded: ReadonlySet<string>): void {
  try {
    safeStorage()?.setItem(KEY, JSON.stringify([...folded].sort()));
  } catch {
    // A full or blocked storage: the fold holds for this visit only.
  }
}
