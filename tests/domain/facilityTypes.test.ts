import { describe, expect, it } from 'vitest';
import { FACILITY_TYPE_IDS, FACILITY_TYPES, resolveFacilityType } from '../../src/domain/facilityTypes';

describe('facility types', () => {
  it('has the types the plans need', () => {
    for (const id of [
      '5g-macro', '5g-pole', 'ev-charging-pile', 'ev-charging-station', 'taxi-charging-station', 'bus-charging-bay',
      'hydrogen-station', 'parcel-locker', 'recycling-cabinet', 'iot-sensor', 'smart-lamp-pole', 'beidou-station',
      'edge-computing-node', 'camera-channel', 'fresh-food-warehouse', 'data-center',
    ]) {
      expect(FACILITY_TYPE_IDS).toContain(id);
    }
  });

  it('maps plain CSV words to ids, case- and separator-insensitively', () => {
    expect(resolveFacilityType('charging')).toBe('ev-charging-pile');
    expect(resolveFacilityType('5G')).toBe('5g-macro');
    expect(resolveFacilityType('locker')).toBe('parcel-locker');
    expect(resolveFacilityType('EV_Charger')).toBe('ev-charging-pile');
    expect(resolveFacilityType('快递柜')).toBe('parcel-locker');
    expect(resolveFacilityType('bus-charging-bay')).toBe('bus-charging-bay');
    expect(resolveFacilityType('IDC')).toBe('data-center');
    expect(resolveFacilityType('teleporter')).toBeNull();
  });

  it('no alias points at two types', () => {
    const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\-_/]+/g, '');
    const seen = new Map<string, string>();
    for (const t of Object.values(FACILITY_TYPES)) {
      for (const w of [t.id, ...t.aliases]) {
        const k = norm(w);
        const other = seen.get(k);
        expect(other === undefined || other === t.id, `${w}: ${other} and ${t.id}`).toBe(true);
        seen.set(k, t.id);
      }
    }
  });

  it('labels every type in Chinese and English', () => {
    for (const id of FACILITY_TYPE_IDS) {
      expect(FACILITY_TYPES[id].id).toBe(id);
      expect(FACILITY_TYPES[id].label_zh.length).toBeGreaterThan(0);
      expect(FACILITY_TYPES[id].label_en.length).toBeGreaterThan(0);
    }
  });
});
