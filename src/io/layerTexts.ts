/**
 * The text each validated file was read from, kept with the value made from it (a WeakMap: a text
 * lives no longer than its value). The coverage worker's start uses it (issue #19, src/worker/
 * layerSources.ts): the page sends the worker the texts of the layers it validated — a copy of a
 * few strings — instead of the layers themselves (~1 MB of coordinates cloned on the page's thread,
 * cloned back in the worker, then printed as JSON there to be hashed).
 */
const texts = new WeakMap<object, string>();

/** Notes that `value` was validated from `text` (the loaders of src/io/geodataFiles.ts and loadGeodata.ts). */
export function noteSourceText(value: unknown, text: string): void {
  if (typeof value === 'object' && value !== null) texts.set(value, text);
}

/** The text `value` was validated from, if it was read by a loader that notes it. */
export function sourceTextOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? texts.get(value) : undefined;
}
