/** fast-check generators of sites, scenario descriptions and map states for the share-link tests. */
import fc from 'fast-check';
import { FACILITY_TYPE_IDS } from '../../src/domain/facilityTypes';
import { SHANGHAI_REGION_BBOX } from '../../src/domain/geojson';
import type { ScenarioMeta } from '../../src/domain/scenarioFile';
import type { Site } from '../../src/domain/site';
import { OWN_RADIUS_KM } from '../../src/domain/serviceRule';
import { LAYER_GROUPS, type LayerVisibility } from '../../src/map/baseStyle';
import { PLAN_ZONES } from '../../src/domain/bundledPlans';
import type { ShareState } from '../../src/share/urlState';

const { west, south, east, north } = SHANGHAI_REGION_BBOX;

/** Site fields except the id; optional fields absent (not `undefined`) when not drawn. */
const siteBody = fc.record(
  {
    type: fc.constantFrom(...FACILITY_TYPE_IDS),
    lon: fc.double({ min: west, max: east, noNaN: true }),
    lat: fc.double({ min: south, max: north, noNaN: true }),
    status: fc.constantFrom('existing', 'planned', 'candidate'),
    name: fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }),
    capacity: fc.integer({ min: 1, max: 100_000 }),
    radiusKm: fc.double({ min: OWN_RADIUS_KM.min, max: OWN_RADIUS_KM.max, noNaN: true }),
    illustrative: fc.boolean(),
  },
  { requiredKeys: ['type', 'lon', 'lat', 'status'] },
);

export const sitesArb = (maxLength = 40) =>
  fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 16 }), { maxLength })
    .chain((ids) => fc.tuple(...ids.map(() => siteBody)).map((bodies) => bodies.map((b, i) => ({ id: ids[i]!, ...b }) as Site)));

export const metaArb: fc.Arbitrary<ScenarioMeta | null> = fc.option(
  fc.record(
    {
      format: fc.constant('shanghai-siting-scenario' as const),
      version: fc.constant(1 as const),
      name_zh: fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
      name_en: fc.string({ minLength: 1, maxLength: 12 }),
      illustrative: fc.boolean(),
      description_en: fc.string({ minLength: 1, maxLength: 30 }),
    },
    { requiredKeys: ['format', 'version', 'name_zh', 'name_en', 'illustrative'] },
  ),
);

const layersArb: fc.Arbitrary<LayerVisibility> = fc
  .tuple(...LAYER_GROUPS.map(() => fc.boolean()))
  .map((bits) => Object.fromEntries(LAYER_GROUPS.map((g, i) => [g, bits[i]])) as LayerVisibility);

/** A map state with every field drawn; the view within the map's range. */
export const shareStateArb = (sites = sitesArb()): fc.Arbitrary<ShareState> =>
  fc.record({
    view: fc.option(
      fc.record({
        lon: fc.double({ min: 120.7, max: 122.9, noNaN: true }),
        lat: fc.double({ min: 30.55, max: 32, noNaN: true }),
        zoom: fc.double({ min: 7, max: 17, noNaN: true }),
      }),
    ),
    lang: fc.constantFrom('zh' as const, 'en' as const),
    layers: layersArb,
    // One selection: a district alone, or a zone with its own district.
    selection: fc.oneof(
      fc.record({ district: fc.option(fc.constantFrom('310112', '310110', '310151', '310120', '310106', '310101')), zone: fc.constant(null) }),
      fc.constantFrom(...PLAN_ZONES).map(({ zone, district }) => ({ district: district as string | null, zone: zone as string | null })),
    ),
    coverage: fc.option(fc.record({ viewId: fc.string({ minLength: 1, maxLength: 40 }), mode: fc.constantFrom('gaps' as const, 'distance' as const, 'none' as const) })),
    scenario: fc.record({ meta: metaArb, sites }),
  })
  .map(({ selection, ...rest }) => ({ ...rest, ...selection }));
