/**
 * The places the header's search finds, from the loaded data and the current scenario's sites.
 */
import { bbox } from '@turf/turf';
import type { Geodata } from '../../io/loadGeodata';
import type { Site } from '../../domain/site';
import type { Place } from './placeIndex';
import { STATION_NAMES_EN } from './stationNamesEn';

type Box = [number, number, number, number];
const boxOf = (geometry: Parameters<typeof bbox>[0]): Box => bbox(geometry) as Box;

/** Township polygons as the app loads them (shipped, or the user's). */
export interface TownshipFeatures {
  features: ReadonlyArray<{ geometry: Parameters<typeof bbox>[0]; properties: { code: string; name: string; district: string; name_en?: string } }>;
}

/** Districts, townships, key zones and metro stations of the loaded data. */
export function placesOfData(data: Geodata, townships: TownshipFeatures | null = null): Place[] {
  const places: Place[] = [];
  for (const d of data.districts?.features ?? []) {
    const p = d.properties;
    places.push({ key: `district:${p.adcode}`, kind: 'district', id: p.adcode, zh: p.name, en: p.name_en, at: { box: boxOf(d.geometry) }, district: p.adcode });
  }
  for (const t of townships?.features ?? []) {
    const p = t.properties;
    places.push({ key: `township:${p.code}`, kind: 'township', id: p.code, zh: p.name, en: p.name_en ?? '', at: { box: boxOf(t.geometry) }, district: p.district });
  }
  for (const z of data.zones?.features ?? []) {
    const p = z.properties;
    places.push({ key: `zone:${p.id}`, kind: 'zone', id: p.id, zh: p.name, en: p.name_en, at: { box: boxOf(z.geometry) }, district: p.district });
  }
  // A station on several lines is one feature; a name seen twice (none today) keeps the first.
  const seen = new Set<string>();
  for (const s of data.metroStations?.features ?? []) {
    const p = s.properties;
    if (seen.has(p.name_zh)) continue;
    seen.add(p.name_zh);
    const [lon, lat] = s.geometry.coordinates as [number, number];
    places.push({ key: `station:${p.name_zh}`, kind: 'station', id: p.name_zh, zh: p.name_zh, en: STATION_NAMES_EN[p.name_zh] ?? p.name_latin, alt: p.name_latin, at: { lon, lat } });
  }
  return places;
}

/** The scenario's sites, found by name and id (they change with every edit: indexed apart from the data's places). */
export function placesOfSites(sites: readonly Site[]): Place[] {
  return sites.map((s) => {
    const name = s.name ?? s.id;
    return { key: `site:${s.id}`, kind: 'site', id: s.id, zh: name, en: '', alt: `${name} ${s.id}`, at: { lon: s.lon, lat: s.lat } };
  });
}

/** Names read from the loaded vector tile archive (map/archiveNames.ts). */
export function placesOfArchive(names: ReadonlyArray<{ zh: string; en: string; lon: number; lat: number }>): Place[] {
  return names.map((n) => ({ key: `basemap:${n.zh}`, kind: 'basemap', id: n.zh, zh: n.zh, en: n.en, at: { lon: n.lon, lat: n.lat } }));
}
