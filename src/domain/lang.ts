/**
 * The interface languages. Apart from the strings (src/ui/i18n.ts, and a strings.ts a feature)
 * so the embed's first script can pick the map's label language without loading any interface
 * string, and so the map and share floors name a language without importing the UI.
 */
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
export const DEFAULT_LANG: Lang = 'zh';

/** A `lang` URL parameter as a language, or null when it names none. */
export function langFromParam(value: string | null): Lang | null {
  return value === 'zh' || value === 'en' ? value : null;
}
