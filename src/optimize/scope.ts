/**
 * The area an optimisation works on: one plan district, or its part inside / outside the Outer Ring,
 * on a 50 m grid built with the coverage engine's own grid code for that district alone.
 *
 * Why the engine's grid and cell size: the grid frame is snapped to multiples of the cell size, so
 * the district-only grid has the very cell centres and sub-sample weights of the city grid the map
 * measures on. Demand built on it follows the engine's rule exactly (a cell part is covered when its
 * centre is within the radius of its own ring part), and a claim made here is the share the
 * coverage panel shows after the sites are added.
 */
import { OPTIMIZER_CELL_M } from '../domain/cellSize';
import type { MultiPolygon, Polygon } from 'geojson';
import { buildGrid, type CoverageGrid, type Region } from '../coverage/grid';
import type { CoverageRule } from '../coverage/engine';
import { createAreaTest } from './landMask';

export type AreaGeometry = Polygon | MultiPolygon;
export type RingChoice = 'all' | 'inside' | 'outside';

export interface ScopeInput {
  /** District id (adcode) and polygon. */
  district: { id: string; geometry: AreaGeometry };
  /** The Outer Ring area polygons. */
  outerRing: ReadonlyArray<AreaGeometry>;
  /** Land polygons (without them the whole polygon is demand). */
  land?: ReadonlyArray<AreaGeometry> | undefined;
  ring: RingChoice;
  /** The coverage rule of the facility type (radius per ring part, km). */
  rule: CoverageRule;
  /** Grid cell (m); 50, the map's, unless a test wants a smaller grid. */
  cellM?: number;
}

export interface Scope {
  grid: CoverageGrid;
  region: Region;
  /** The rule with the ring part left out of the scope set to null (as the checker does for ring scopes). */
  rule: CoverageRule;
  /** Whether a point lies in the scope (the district, and the chosen side of the Outer Ring). */
  contains: (lon: number, lat: number) => boolean;
  /** Whether a point lies inside the Outer Ring (decides which radius its circle is drawn with). */
  insideRing: (lon: number, lat: number) => boolean;
}

export function buildScope(input: ScopeInput): Scope {
  const grid = buildGrid(
    { districts: [input.district], outerRing: input.outerRing, ...(input.land ? { land: input.land } : {}) },
    { cellM: input.cellM ?? OPTIMIZER_CELL_M },
  );
  const region = grid.districts.get(input.district.id)!;
  const rule: CoverageRule = { ...input.rule };
  if (input.ring === 'inside') rule.outsideKm = null;
  if (input.ring === 'outside') rule.insideKm = null;
  const inDistrict = createAreaTest([input.district.geometry]);
  const inRing = createAreaTest(input.outerRing);
  const contains = (lon: number, lat: number) => {
    if (!inDistrict(lon, lat)) return false;
    if (input.ring === 'all') return true;
    return inRing(lon, lat) === (input.ring === 'inside');
  };
  return { grid, region, rule, contains, insideRing: inRing };
}
