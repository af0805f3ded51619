/**
 * The user's tile server settings, kept in localStorage (a few hundred bytes; no tiles are kept):
 * read back through the same zod schema as the form, so a tampered or older value is refused with
 * the reason, not applied.
 */
import { describeZodError } from './describeZodError';
import { userTilesSchema, type UserTiles } from '../domain/userTiles';

const KEY = 'shanghai-siting:user-tiles';

export function readUserTilesSetting(storage: Storage | null = safeStorage()): { tiles: UserTiles | null; problem: string | null } {
  const raw = storage?.getItem(KEY);
  if (!raw) return { tiles: null, problem: null };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { tiles: null, problem: 'the kept tile server setting is not valid JSON' };
  }
  const parsed = userTilesSchema.safeParse(json);
  return parsed.success ? { tiles: parsed.data, problem: null } : { tiles: null, problem: `the kept tile server setting was refused (${describeZodError(parsed.error)})` };
}

/** Keeps (or with null forgets) the setting; false when the browser refuses (storage full or blocked). */
export function writeUserTilesSetting(tiles: UserTiles | null, storage: Storage | null = safeStorage()): boolean {
  if (!storage) return false;
  try {
    if (tiles) storage.setItem(KEY, JSON.stringify(tiles));
    else storage.removeItem(KEY);
    return true;
  } catch {
    return false;
  }
}

/** localStorage, or null where the browser blocks it. */
export function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
