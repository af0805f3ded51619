/**
 * "Largest gaps by residents" (issue #15): the coverage layer's unserved patches in the selection,
 * ranked by residents not reached — rank, district, township, residents, km² of uncovered land. The
 * coverage worker finds and ranks them (src/coverage/gapPatches.ts); a click flies the map to a patch
 * and outlines it (a line layer of its own, removed when the list goes).
 */
import { useEffect, useState } from 'react';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { DistrictCollection, ZoneCollection } from '../../domain/geodata';
import type { GapPatch } from '../../coverage/gapPatches';
import { liveMap } from '../../map/liveMap';
import { whenStyleLoaded } from '../../map/mapReadiness';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { formatResidents } from './residentsText';
import { populationStrings } from './strings';
import './gapPatches.css';

const SOURCE = 'gap-patch';
const LAYER = 'gap-patch-outline';

/** Draws (or, with null, removes) the outline of the chosen patch on the map. */
function outlinePatch(map: MapLibreMap, patch: GapPatch | null): void {
  whenStyleLoaded(map, () => {
    if (!patch) {
      if (map.getLayer(LAYER)) map.removeLayer(LAYER);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
      return;
    }
    const data: GeoJSON.Feature = { type: 'Feature', properties: {}, geometry: patch.outline };
    const source = map.getSource(SOURCE) as GeoJSONSource | undefined;
    if (source) source.setData(data);
    else map.addSource(SOURCE, { type: 'geojson', data });
    if (!map.getLayer(LAYER)) map.addLayer({ id: LAYER, type: 'line', source: SOURCE, paint: { 'line-color': '#7a1fa2', 'line-width': 3, 'line-dasharray': [2, 1] } });
  });
}

interface Props {
  districts: DistrictCollection | undefined;
  zones: ZoneCollection | undefined;
  viewId: string | null;
}

export function GapPatchList({ districts, zones, viewId }: Props) {
  const tr = useT(populationStrings);
  const { t, num, pick } = tr;
  const answer = useAppStore((s) => s.coverage.patches);
  const source = useAppStore((s) => s.coverage.view?.population?.source ?? null);
  const townships = useAppStore((s) => s.townships);
  const [chosen, setChosen] = useState<number | null>(null);
  const list = answer && answer.viewId === viewId ? answer.list : null;
  const key = answer ? JSON.stringify(answer.area) : null;

  // A new area or layer forgets the chosen patch (its rank names another patch there).
  useEffect(() => setChosen(null), [key, viewId]);
  const patch = chosen !== null ? (list?.patches[chosen] ?? null) : null;
  useEffect(() => {
    const map = liveMap.now();
    if (!map) return;
    outlinePatch(map, patch);
    return () => {
      if (map.getStyle()) outlinePatch(map, null);
    };
  }, [patch]);

  if (!list || !answer || !source) return null;
  const districtName = (adcode: string) => {
    const d = districts?.features.find((f) => f.properties.adcode === adcode);
    return d ? pick(d.properties.name, d.properties.name_en) : adcode;
  };
  const townshipName = (code: string | null) => (code ? (townships?.features.find((f) => f.properties.code === code)?.properties.name ?? code) : t('gp_noTownship'));
  const area = answer.area;
  const areaName =
    area === 'all'
      ? t('gp_city')
      : 'district' in area
        ? districtName(area.district)
        : 'zone' in area
          ? (() => {
              const z = zones?.features.find((f) => f.properties.id === area.zone);
              return z ? pick(z.properties.name, z.properties.name_en) : area.zone;
            })()
          : townshipName(area.township);

  const fly = (i: number) => {
    const p = list.patches[i]!;
    setChosen(i);
    const map = liveMap.now();
    const [w, s, e, n] = p.bbox;
    map?.fitBounds([[w, s], [e, n]], { padding: 80, duration: 600, maxZoom: 15 });
  };

  return (
    <div className="gap-patches" data-testid="gap-patches" data-count={list.count} data-ms={answer.ms.toFixed(1)}>
      <h3>{t('gp_title')}</h3>
      {/* The source is named once, by the residents table above; here in the note's words. */}
      <p className="muted" data-testid="gap-patches-note" data-kind={source.kind}>
        {t('gp_note', { area: areaName })} {t('pop_source')}: {pick(source.label.zh, source.label.en)}
      </p>
      {list.patches.length === 0 ? (
        <p className="muted" data-testid="gap-patches-none">{t('gp_none')}</p>
      ) : (
        <table className="coverage-table gap-patch-table">
          <thead>
            <tr>
              <th>{t('gp_rank')}</th>
              <th>{t('gp_district')}</th>
              <th>{t('gp_township')}</th>
              <th>{t('gp_residents')}</th>
              <th>{t('gp_km2')}</th>
            </tr>
          </thead>
          <tbody>
            {list.patches.map((p, i) => (
              <tr
                key={i}
                className={`gap-patch-row${chosen === i ? ' selected' : ''}`}
                data-testid={`gap-patch-${i + 1}`}
                data-residents={p.residents.toFixed(3)}
                data-land-km2={p.landKm2.toFixed(6)}
                data-bbox={p.bbox.join(',')}
                data-center={p.center.join(',')}
                title={t('gp_rowTitle', { rank: String(i + 1), cells: num(p.cells) })}
                tabIndex={0}
                onClick={() => fly(i)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && fly(i)}
              >
                <td>{i + 1}</td>
                <td>{districtName(p.district)}</td>
                <td>{townshipName(p.township)}</td>
                <td>{formatResidents(tr, p.residents)}</td>
                <td>{num(p.landKm2, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted" data-testid="gap-patches-summary" data-residents-not-reached={list.residentsNotReached.toFixed(3)}>
        {t('gp_summary', { count: num(list.count), residents: formatResidents(tr, list.residentsNotReached) })}
      </p>
    </div>
  );
}
