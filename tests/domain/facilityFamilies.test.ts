/**
 * A facility type carries its colour family as data (src/domain/facilityTypes.ts): every type has
 * one, every family has a map colour and a label in both languages, and the families the sample and
 * the plans' types fall into are the ones the map drew before (charging, 5G, lockers, sensors).
 */
import { describe, expect, it } from 'vitest';
import { FACILITY_FAMILIES, FACILITY_TYPE_IDS, FACILITY_TYPES } from '../../src/domain/facilityTypes';
import { SITE_COLOURS } from '../../src/map/coverageColours';
import { siteFamily } from '../../src/map/facilityLayers';
import { translate } from '../../src/ui/i18n';

describe('facility families', () => {
  it('every type has a family with a colour and labels', () => {
    for (const id of FACILITY_TYPE_IDS) {
      expect(FACILITY_FAMILIES).toContain(FACILITY_TYPES[id].family);
      expect(siteFamily(id)).toBe(FACILITY_TYPES[id].family);
    }
    for (const f of FACILITY_FAMILIES) {
      expect(SITE_COLOURS[f]).toHaveLength(3);
      for (const lang of ['zh', 'en'] as const) expect(translate(lang, `family_${f}`)).not.toBe(`family_${f}`);
    }
  });

  it('keeps the families the map drew', () => {
    expect(['ev-charging-pile', 'ev-fast-charging-pile', 'ev-charging-station', 'taxi-charging-station', 'bus-charging-bay'].map((t) => siteFamily(t as never))).toEqual(Array(5).fill('charging'));
    expect(siteFamily('5g-macro')).toBe('5g');
    expect(siteFamily('5g-pole')).toBe('5g');
    expect(siteFamily('parcel-locker')).toBe('locker');
    expect(siteFamily('camera-channel')).toBe('sensor');
    expect(siteFamily('data-center')).toBe('other');
  });
});
