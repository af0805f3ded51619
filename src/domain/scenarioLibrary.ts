/**
 * The user's named scenarios ("baseline", "2022 plan", "what-if A"): which exist, in what order, and
 * which one is being edited. Pure values — every operation returns a new library — so the UI, the
 * IndexedDB store and the tests share one set of rules (unique names, never an empty library).
 */
import type { ScenarioMeta } from './scenarioFile';
import type { Site } from './site';

export interface ScenarioEntry {
  /** Stable key (survives renames): `scenario-<n>`. */
  id: string;
  /** The user's name; null: shown from the scenario file's own bilingual name (the sample's). */
  name: string | null;
  meta: ScenarioMeta | null;
  /**
   * null: not read from storage yet. A big library reads only its list at start and a scenario's
   * sites when it is opened or compared; `summary` then tells its size.
   */
  sites: readonly Site[] | null;
  summary?: ScenarioSummary;
}

/** What the list shows of a scenario without reading its sites. */
export interface ScenarioSummary {
  sites: number;
  illustrative: boolean;
}

/** Any made-up site keeps the label, also after the user has edited the sample. */
export function summarize(e: { meta: ScenarioMeta | null; sites: readonly Site[] }): ScenarioSummary {
  return { sites: e.sites.length, illustrative: e.meta?.illustrative === true || anyIllustrative(e.sites) };
}

/** Per site list (lists are never changed in place): panels and saves ask on every render and save. */
const illustrativeLists = new WeakMap<readonly Site[], boolean>();
function anyIllustrative(sites: readonly Site[]): boolean {
  let found = illustrativeLists.get(sites);
  if (found === undefined) illustrativeLists.set(sites, (found = sites.some((s) => s.illustrative === true)));
  return found;
}

/** The entry's summary, from its sites when they are read. */
export function entrySummary(e: ScenarioEntry): ScenarioSummary | null {
  return e.sites ? summarize({ meta: e.meta, sites: e.sites }) : (e.summary ?? null);
}

export interface ScenarioLibrary {
  /** In the order the user sees them; never empty. */
  entries: readonly ScenarioEntry[];
  currentId: string;
}

export const MAX_SCENARIO_NAME = 80;

/** Why a name is refused (the UI words it in the user's language). */
export type NameProblem = 'empty' | 'too-long' | 'taken';

/** The name a scenario shows: the user's, else its file's name in the language, else its id. */
export function displayName(entry: ScenarioEntry, lang: 'zh' | 'en'): string {
  if (entry.name !== null) return entry.name;
  if (entry.meta) return lang === 'zh' ? entry.meta.name_zh : entry.meta.name_en;
  return entry.id;
}

/** Both language forms a scenario may show; a new name must differ from all of them (any case). */
function namesInUse(lib: ScenarioLibrary, exceptId: string | null): Set<string> {
  const names = new Set<string>();
  for (const e of lib.entries) {
    if (e.id === exceptId) continue;
    names.add(displayName(e, 'zh').toLowerCase());
    names.add(displayName(e, 'en').toLowerCase());
  }
  return names;
}

export function nameProblem(lib: ScenarioLibrary, name: string, exceptId: string | null = null): NameProblem | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'empty';
  if (trimmed.length > MAX_SCENARIO_NAME) return 'too-long';
  if (namesInUse(lib, exceptId).has(trimmed.toLowerCase())) return 'taken';
  return null;
}

/** `base`, or `base (2)`, `base (3)`… — the first that no scenario uses. */
export function uniqueName(lib: ScenarioLibrary, base: string): string {
  const stem = base.trim().slice(0, MAX_SCENARIO_NAME - 6) || 'scenario';
  const used = namesInUse(lib, null);
  if (!used.has(stem.toLowerCase())) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * An id no other tab or session will make: two tabs creating a scenario at the same moment must not
 * both call it `scenario-3` (their saves would land on one record).
 */
export function newScenarioId(): string {
  return `scenario-${uniqueTag()}`;
}

/** 12 random base-36 characters (crypto where present). */
export function uniqueTag(): string {
  const bytes = new Uint8Array(8);
  if (typeof crypto !== 'undefined' && crypto.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n.toString(36).padStart(12, '0').slice(-12);
}

function freeId(lib: ScenarioLibrary): string {
  const ids = new Set(lib.entries.map((e) => e.id));
  for (let n = 1; ; n++) if (!ids.has(`scenario-${n}`)) return `scenario-${n}`;
}

export function createLibrary(first: Omit<ScenarioEntry, 'id' | 'sites'> & { sites: readonly Site[] }): ScenarioLibrary {
  const id = 'scenario-1';
  return { entries: [{ ...first, id }], currentId: id };
}

/** A scenario whose sites have been read. */
export type LoadedEntry = ScenarioEntry & { sites: readonly Site[] };

export function isLoaded(e: ScenarioEntry): e is LoadedEntry {
  return e.sites !== null;
}

/** The scenario being edited; its sites are always read (the library reads them before switching to it). */
export function currentEntry(lib: ScenarioLibrary): LoadedEntry {
  const e = lib.entries.find((x) => x.id === lib.currentId) ?? lib.entries[0]!;
  return isLoaded(e) ? e : { ...e, sites: [] };
}

export function findEntry(lib: ScenarioLibrary, id: string | null): ScenarioEntry | null {
  return lib.entries.find((e) => e.id === id) ?? null;
}

/** The edited scenario's new content; the same library when nothing changed (no save, no render). */
export function updateCurrent(lib: ScenarioLibrary, next: { meta: ScenarioMeta | null; sites: readonly Site[] }): ScenarioLibrary {
  const cur = currentEntry(lib);
  if (cur.meta === next.meta && cur.sites === next.sites) return lib;
  return { ...lib, entries: lib.entries.map((e) => (e.id === cur.id ? { ...e, meta: next.meta, sites: next.sites } : e)) };
}

/**
 * Adds a scenario after the current one and makes it current; the name is made unique. The app
 * passes an id unique across tabs and sessions (`newScenarioId`); without one, the first free
 * `scenario-<n>` (deterministic, for tests and files).
 */
export function addScenario(lib: ScenarioLibrary, entry: Omit<ScenarioEntry, 'id' | 'sites'> & { sites: readonly Site[] }, givenId?: string): ScenarioLibrary {
  const id = givenId !== undefined && !lib.entries.some((e) => e.id === givenId) ? givenId : freeId(lib);
  const named: ScenarioEntry = { ...entry, id, name: entry.name === null ? null : uniqueName(lib, entry.name) };
  const at = lib.entries.findIndex((e) => e.id === lib.currentId) + 1;
  return { entries: [...lib.entries.slice(0, at), named, ...lib.entries.slice(at)], currentId: id };
}

/** A copy of scenario `id` (same sites, shared by reference: sites are immutable) under a free name. */
export function duplicateScenario(lib: ScenarioLibrary, id: string, baseName: string, givenId?: string): ScenarioLibrary {
  const source = findEntry(lib, id);
  if (!source?.sites) return lib;
  return addScenario({ ...lib, currentId: id }, { name: uniqueName(lib, baseName), meta: source.meta, sites: source.sites }, givenId);
}

export function renameScenario(lib: ScenarioLibrary, id: string, name: string): ScenarioLibrary | { problem: NameProblem } {
  const problem = nameProblem(lib, name, id);
  if (problem) return { problem };
  return { ...lib, entries: lib.entries.map((e) => (e.id === id ? { ...e, name: name.trim() } : e)) };
}

/** Removes a scenario; the last one cannot go (the map always edits one). The neighbour becomes current. */
export function deleteScenario(lib: ScenarioLibrary, id: string): ScenarioLibrary | { problem: 'last' } {
  if (lib.entries.length <= 1) return { problem: 'last' };
  const at = lib.entries.findIndex((e) => e.id === id);
  if (at < 0) return lib;
  const entries = lib.entries.filter((e) => e.id !== id);
  const currentId = lib.currentId === id ? entries[Math.min(at, entries.length - 1)]!.id : lib.currentId;
  return { entries, currentId };
}

export function selectScenario(lib: ScenarioLibrary, id: string): ScenarioLibrary {
  return findEntry(lib, id) && lib.currentId !== id ? { ...lib, currentId: id } : lib;
}
