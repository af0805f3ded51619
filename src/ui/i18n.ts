/**
 * The interface language and its strings. The language lives in React context (`LangProvider` at
 * the root of the app and of the embed); a component asks `useT(itsStrings)` for `t`, `num` and
 * `pick` bound to it, and never takes the language as a prop.
 *
 * The strings are split by feature: each feature folder has a `strings.ts` exporting `{ zh, en }`,
 * with `en` typed `Record<keyof typeof zh, string>` so a missing or extra translation is a type
 * error; `src/ui/strings.ts` holds the ones several features share, and every translator reaches
 * those too. There is no one table of every string: the embed's bundle then carries only the
 * strings of the features it shows (tests/ui/strings.test.ts checks that no key is in two tables).
 * Parameters are `{name}` placeholders, filled by `t(key, { name: value })`.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { DEFAULT_LANG, type Lang } from '../domain/lang';
import { commonStrings } from './strings';
import { groupedNumber } from '../domain/groupedNumber';

export { DEFAULT_LANG, LANGS, type Lang } from '../domain/lang';

/** One feature's strings: Simplified Chinese and English, with the same keys. */
export interface Strings<K extends string> {
  readonly zh: Readonly<Record<K, string>>;
  readonly en: Readonly<Record<K, string>>;
}

export type CommonKey = keyof typeof commonStrings.zh;
export type Vars = Readonly<Record<string, string | number>>;

/** Some features' strings (and the common ones) and the number formatting, in one language. */
export interface Translator<K extends string> {
  readonly lang: Lang;
  /** The string for `key`; `{name}` placeholders filled from `vars` when given. */
  readonly t: (key: K | CommonKey, vars?: Vars) => string;
  /** A number with the language's digit grouping (both use 1,234.5). */
  readonly num: (value: number, fractionDigits?: number) => string;
  /** Of a datum's two names (a district's, a plan's, a facility type's), the one in this language. */
  readonly pick: <T>(zh: T, en: T) => T;
}

/** `{name}` placeholders filled from `vars`; unknown ones are left as written. */
export function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The keys of these strings (`KeyOf<typeof scorecardStrings>`), with the common ones. */
export type KeyOf<S extends Strings<string>> = (keyof S['zh'] & string) | CommonKey;
/** The keys a translator for several features' strings takes. */
type KeysOf<S extends readonly Strings<string>[]> = S[number] extends infer T ? (T extends Strings<string> ? KeyOf<T> : never) : never;

/** A translator for code that has the language as a value (pure helpers, tests). */
export function translator<S extends readonly Strings<string>[]>(lang: Lang, ...strings: S): Translator<KeysOf<S>> {
  const key = [lang, ...strings.map(idOf)].join(':');
  let made = translators.get(key);
  if (!made) translators.set(key, (made = makeTranslator(lang, strings)));
  return made as Translator<KeysOf<S>>;
}

/** One translator a language and set of tables, so `t` keeps its identity across renders. */
const translators = new Map<string, Translator<string>>();
const tableIds = new WeakMap<object, number>();
let lastTableId = 0;
function idOf(table: object): number {
  let id = tableIds.get(table);
  if (id === undefined) tableIds.set(table, (id = ++lastTableId));
  return id;
}

function makeTranslator(lang: Lang, strings: readonly Strings<string>[]): Translator<string> {
  const tables: ReadonlyArray<Readonly<Record<string, string>>> = [...strings.map((s) => s[lang]), commonStrings[lang]];
  return {
    lang,
    t: (key, vars) => {
      const text = tables.find((table) => Object.hasOwn(table, key))?.[key] ?? key;
      return vars ? fill(text, vars) : text;
    },
    num: (value, fractionDigits = 0) => formatNumber(lang, value, fractionDigits),
    pick: (zh, en) => (lang === 'zh' ? zh : en),
  };
}

/** A common string in a language. */
export function translate(lang: Lang, key: CommonKey): string {
  return commonStrings[lang][key];
}

/** Formats a number with the language's digit grouping: both languages write 1,234.5 (groupedNumber.ts). */
export function formatNumber(_lang: Lang, value: number, fractionDigits = 0): string {
  return groupedNumber(value, fractionDigits);
}

/** The language as an HTML `lang` attribute (`zh-CN`, `en`). */
export const HTML_LANG: Readonly<Record<Lang, string>> = { zh: 'zh-CN', en: 'en' };

/** Each language by its own name, whatever the interface language (the embed's language choice). */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { zh: '中文', en: 'English' };

/** The language the switch button goes to. */
export const OTHER_LANG: Readonly<Record<Lang, Lang>> = { zh: 'en', en: 'zh' };


const LangContext = createContext<Lang>(DEFAULT_LANG);

/** Sets the interface language for everything below it. */
export function LangProvider({ value, children }: { value: Lang; children?: ReactNode }) {
  return createElement(LangContext.Provider, { value }, children);
}

/** The interface language. */
export function useLang(): Lang {
  return useContext(LangContext);
}

/** A translator in the interface language for features' strings (and the common ones). */
export function useT<S extends readonly Strings<string>[]>(...strings: S): Translator<KeysOf<S>> {
  return translator(useLang(), ...strings);
}
