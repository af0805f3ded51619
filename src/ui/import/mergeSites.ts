/**
 * What an accepted import does to the scenario: add the sites to it, or replace its sites. Pure, so
 * the dialog's one decision is tested without a browser, and the result is one undoable step.
 */
import type { ScenarioMeta } from '../../domain/scenarioFile';
import type { Site } from '../../domain/site';

export type ImportMode = 'add' | 'replace';

/** Keeps ids unique across files: a loaded site whose id is taken gets the file's name in front. */
export function withFreeIds(existing: readonly Site[], incoming: readonly Site[], prefix: string): Site[] {
  const taken = new Set(existing.map((s) => s.id));
  return incoming.map((s) => {
    let id = s.id;
    for (let n = 2; taken.has(id); n++) id = `${prefix}:${s.id}${n > 2 ? `-${n}` : ''}`;
    taken.add(id);
    return id === s.id ? s : { ...s, id };
  });
}

/**
 * The scenario after an import.
 * @param fileMeta the description a scenario file carried (this app's export): kept when replacing,
 *   so an exported scenario re-imports as the same scenario.
 */
export function applyImport(
  current: { meta: ScenarioMeta | null; sites: readonly Site[] },
  incoming: readonly Site[],
  mode: ImportMode,
  prefix: string,
  fileMeta?: ScenarioMeta,
): { meta: ScenarioMeta | null; sites: Site[] } {
  if (mode === 'replace') return { meta: fileMeta ?? null, sites: withFreeIds([], incoming, prefix) };
  return { meta: current.meta, sites: [...current.sites, ...withFreeIds(current.sites, incoming, prefix)] };
}
