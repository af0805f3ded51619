/**
 * The deployer's defaults from published/index.json (README "Publishing real data"): the language
 * and the view both pages open on when the address gives neither. The address always wins: `lang=`
 * or a share link's language keeps its language; a share link's view, a map fragment
 * (`#zoom/lat/lon`) or a reader who has already moved the map keeps the view (map/createBaseMap.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { loadDeployerSettings, type DeployerSettings } from '../../io/publishedData';
import { clampView } from '../../map/viewLimits';
import { liveMap, watchLiveMap } from '../../map/liveMap';
import { viewChosen } from '../../map/mapReadiness';
import type { Lang } from '../i18n';

let pending: Promise<DeployerSettings> | null = null;

/** The settings, fetched once per page (the embed's tiles and these defaults read the same answer). */
export function deployerSettings(): Promise<DeployerSettings> {
  // Absolute: a tile template relative to the served folder becomes a same-origin URL.
  pending ??= loadDeployerSettings(new URL(import.meta.env.BASE_URL, window.location.href).href);
  return pending;
}

/**
 * Applies the deployer's language (unless `langGiven`) and view (unless one was chosen) once
 * they arrive and the map exists.
 */
export function useDeployerDefaults({ langGiven, onLang }: { langGiven: boolean; onLang: (lang: Lang) => void }): void {
  const [settings, setSettings] = useState<DeployerSettings | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(liveMap.now);
  const viewApplied = useRef(false);
  const onLangRef = useRef(onLang);
  onLangRef.current = onLang;

  useEffect(() => {
    let live = true;
    void deployerSettings().then((s) => {
      if (!live) return;
      setSettings(s);
      if (s.lang && !langGiven) onLangRef.current(s.lang);
    });
    return () => void (live = false);
    // Once: the address the page opened with decides.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => watchLiveMap(() => setMap(liveMap.now())), []);

  useEffect(() => {
    if (viewApplied.current || !settings?.view || !map) return;
    viewApplied.current = true;
    if (viewChosen(map)) return;
    const { view } = clampView(settings.view);
    map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
  }, [settings, map]);
}
