/**
 * The header's place search: a box (`/` focuses it) whose list groups districts, townships, key
 * zones, metro stations, the scenario's sites and the loaded tile archive's names; arrow keys move, Enter flies there and selects.
 *
 * The search itself (pinyin-pro's dictionary, MiniSearch) loads on first focus, off the first
 * page load. The data's places are indexed once; the scenario's sites apart, and only while the
 * list is open (a drag elsewhere re-renders nothing here).
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Geodata } from '../../io/loadGeodata';
import { liveMap } from '../../map/liveMap';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import type { Place, PlaceHit } from './placeIndex';
import { placesOfArchive, placesOfData, placesOfSites, type TownshipFeatures } from './places';
import { searchStrings } from './strings';
import './search.css';

type Engine = typeof import('./placeIndex');

/** Typing in a field must not move the focus to the search box. */
const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Flies to a place and selects it where the app has a selection for its kind. */
function goTo(place: Place): void {
  const map = liveMap.now();
  const duration = reducedMotion() ? 0 : 800;
  if (map) {
    if ('box' in place.at) {
      const [w, s, e, n] = place.at.box;
      map.fitBounds([[w, s], [e, n]], { padding: 60, duration, maxZoom: 15 });
    } else map.flyTo({ center: [place.at.lon, place.at.lat], zoom: Math.max(map.getZoom(), place.kind === 'site' || place.kind === 'basemap' ? 16 : 15), duration });
  }
  const store = useAppStore.getState();
  if (place.kind === 'district') store.selectOnMap(place.id);
  else if (place.kind === 'township') store.selectTownship(place.id);
  else if (place.kind === 'zone' && place.district) {
    store.selectOnMap(place.district);
    store.selectScope(place.district, place.id);
  } else if (place.kind === 'site') store.onSiteEdit({ kind: 'select', id: place.id });
}

export function PlaceSearch({ data }: { data: Geodata | null }) {
  const { t, lang } = useT(searchStrings);
  const [engine, setEngine] = useState<Engine | null>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();

  const load = () => {
    if (!engine) void import('./placeIndex').then((m) => setEngine(() => m));
  };

  // `/` anywhere but in a field goes to the box.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The townships in use (shipped, joined or replaced by the user's file).
  const townships: TownshipFeatures | null = useAppStore((s) => s.townships);
  const placeIndex = useMemo(() => (engine && data ? engine.buildPlaceIndex(placesOfData(data, townships)) : null), [engine, data, townships]);
  const sites = useAppStore((s) => (open ? s.history.present.sites : null));
  const siteIndex = useMemo(() => (engine && sites ? engine.buildPlaceIndex(placesOfSites(sites)) : null), [engine, sites]);

  // The loaded tile archive's names (indexed apart: they come and go with the archive).
  const archiveNames = useAppStore((s) => s.tileArchiveNames);
  const archiveIndex = useMemo(() => (engine && archiveNames.length > 0 ? engine.buildPlaceIndex(placesOfArchive(archiveNames)) : null), [engine, archiveNames]);

  const groups = useMemo(() => {
    if (!engine || !placeIndex || query.trim() === '') return [];
    const hits: PlaceHit[] = [...placeIndex.search(query), ...(siteIndex?.search(query) ?? []), ...(archiveIndex?.search(query) ?? [])];
    return engine.groupHits(hits);
  }, [engine, placeIndex, siteIndex, archiveIndex, query]);
  const flat = groups.flatMap((g) => g.hits);

  const pick = (hit: PlaceHit | undefined) => {
    if (!hit) return;
    goTo(hit.place);
    setOpen(false);
    input.current?.blur();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (flat.length > 0) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : flat.length - 1)) % flat.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(flat[Math.min(active, flat.length - 1)]);
    } else if (e.key === 'Escape') {
      setOpen(false);
      input.current?.blur();
    }
  };

  const showList = open && query.trim() !== '';
  const optionId = (i: number) => `${listId}-${i}`;
  const primary = (p: Place) => (lang === 'en' && p.en ? p.en : p.zh);
  const secondary = (p: Place) => (lang === 'en' ? (p.en ? p.zh : '') : p.en);
  let i = -1;
  return (
    <div className="place-search" data-testid="place-search">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label={t('srch_label')}
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && flat.length > 0 ? optionId(Math.min(active, flat.length - 1)) : undefined}
        aria-autocomplete="list"
        placeholder={t('srch_placeholder')}
        value={query}
        onFocus={() => {
          load();
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <div className="place-search-list" id={listId} role="listbox" aria-label={t('srch_label')}>
          {!engine || !placeIndex ? (
            <div className="place-search-note">{t('srch_loading')}</div>
          ) : flat.length === 0 ? (
            <div className="place-search-note">{t('srch_none', { query: query.trim() })}</div>
          ) : (
            groups.map((g) => (
              <div key={g.kind} role="group" aria-label={t(`srch_kind_${g.kind}`)}>
                <div className="place-search-group">{t(`srch_kind_${g.kind}`)}</div>
                {g.hits.map((h) => {
                  const n = ++i;
                  return (
                    <div
                      key={h.place.key}
                      id={optionId(n)}
                      role="option"
                      aria-selected={n === Math.min(active, flat.length - 1)}
                      className="place-search-option"
                      data-place={h.place.key}
                      // Before the input's blur closes the list.
                      onMouseDown={(e) => {
                        e.preventDefault();
                        pick(h);
                      }}
                      onMouseEnter={() => setActive(n)}
                    >
                      <span className="place-search-name">{primary(h.place)}</span>
                      {secondary(h.place) && <span className="place-search-alt">{secondary(h.place)}</span>}
                    </div>
                  );
                })}
              </div>
            ))
          )}
          {engine && sites && sites.length > engine.SITE_PINYIN_LIMIT && <div className="place-search-note">{t('srch_sitesNoPinyin', { limit: engine.SITE_PINYIN_LIMIT })}</div>}
        </div>
      )}
    </div>
  );
}
