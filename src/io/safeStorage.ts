/** localStorage, or null where the page may not use it (blocked cookies, a worker, Node). */
export function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Keeps a setting's text; false when there is no storage or the browser refuses (it then applies to this page only). */
export function writeSetting(key: string, value: string, storage: Storage | null = safeStorage()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
