import type { OptimizeResult } from '../../optimize/optimizer';
import type { Site } from '../../domain/site';
import type { ProposedItem } from './proposedLayers';

/** The proposals of a result the user picked, and those accepted (list index → id of the site made from it). */
export interface ProposalChoice {
  selected: ReadonlySet<number>;
  acceptedIds: ReadonlyMap<number, string>;
}

/** A new result: every proposal selected, none accepted. */
export function freshChoice(result: OptimizeResult | null): ProposalChoice {
  return { selected: new Set(result?.sites.map((_, i) => i) ?? []), acceptedIds: new Map() };
}

/** The proposals counted as accepted: those whose site is still in the scenario (an undo offers one again). */
export function acceptedOf(acceptedIds: ReadonlyMap<number, string>, sites: readonly Site[]): ReadonlySet<number> {
  if (acceptedIds.size === 0) return new Set<number>(); // no set of every site id per edit (200,000 sites)
  const ids = new Set(sites.map((s) => s.id));
  return new Set([...acceptedIds].filter(([, id]) => ids.has(id)).map(([i]) => i));
}

/** The proposals still on offer, numbered as in the list, as the map draws them. */
export function proposalItems(result: OptimizeResult | null, selected: ReadonlySet<number>, accepted: ReadonlySet<number>): ProposedItem[] {
  return (result?.sites ?? []).map((site, i) => ({ site, n: i + 1, selected: selected.has(i) })).filter((_, i) => !accepted.has(i));
}
