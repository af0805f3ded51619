/**
 * The share link the page was opened with (`#s=…` in the URL fragment), read once per page load
 * and shared by the main app and the embed.
 *
 * Reading it also rewrites the fragment to MapLibre's own `#zoom/lat/lon` form of the link's view
 * (or clears it), before the map is created: the map (`hash: true` in MapView) then opens on the
 * shared view by itself, and a later reload does not apply the link a second time.
 */
import { decodeShareState, mapFragment, stateFromFragment, type DecodedShare, type ShareError } from '../../share/urlState';
import { clampView, type ViewAdjustment } from '../../map/viewLimits';

export interface StartupLink {
  /** The decoded link, null when the page was opened without one or it could not be read. */
  state: DecodedShare | null;
  /** Why the link could not be read. */
  error: ShareError | null;
  /** The link's state text as it came, for "open in the full map". */
  text: string | null;
  /** How the link's view was brought inside the map's zoom range and extent (null: it was inside). */
  adjusted: ViewAdjustment | null;
}

let cached: StartupLink | null = null;

export function readStartupLink(): StartupLink {
  if (cached) return cached;
  const text = stateFromFragment(window.location.hash);
  if (text === null) {
    cached = { state: null, error: null, text: null, adjusted: null };
    return cached;
  }
  const decoded = decodeShareState(text);
  // A view outside the map's limits would be replaced by the default view: brought inside instead, and said.
  const limited = decoded.ok && decoded.state.view ? clampView(decoded.state.view) : null;
  const fragment = limited ? mapFragment(limited.view) : '';
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${fragment}`);
  cached = decoded.ok
    ? { state: limited ? { ...decoded.state, view: limited.view } : decoded.state, error: null, text, adjusted: limited?.adjusted ?? null }
    : { state: null, error: decoded.error, text: null, adjusted: null };
  return cached;
}

/**
 * A share link pasted into the address bar of an open tab changes only the fragment (no page
 * load): the page reloads so the link opens as it does in a new tab — as a new scenario, never over
 * the user's work (which the edit journal and autosave keep across the reload).
 */
export function reloadOnPastedLink(): () => void {
  const onHashChange = () => {
    if (stateFromFragment(window.location.hash) !== null) window.location.reload();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}

/** The link's coverage layer and mode, when the app has that layer. */
export function startupCoverage(views: ReadonlyArray<{ id: string }>): { viewId: string; mode: 'gaps' | 'distance' | 'none' } | null {
  const coverage = readStartupLink().state?.coverage ?? null;
  return coverage && views.some((v) => v.id === coverage.viewId) ? coverage : null;
}
