/** localStorage, or null where the page may not use it (blocked cookies, a worker, Node). */
export function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
