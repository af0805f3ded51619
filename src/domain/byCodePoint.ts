/**
 * Orders two strings by their UTF-16 code units, as `<` does: the same order on every machine and
 * language, and no collator — a page's first `localeCompare` loads ICU's collation data (12–25 ms in
 * headless Chromium, on the start-up path when the bundled plans and the shipped townships are
 * sorted). For codes and file names (digits, ASCII); names people read are sorted with their locale.
 */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
