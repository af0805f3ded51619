/**
 * The share link the page was opened with (`#s=…` in the URL fragment), read once per page load
 * and shared by the main app and the embed.
 *
 * Reading it also rewrites the fragment to MapLibre's own `#zoom/lat/lon` form of the link's view
 * (or clears it), before the map is created: the map (`hash: true` in MapView) then opens on the
 * shared view by itself, and a later reload does not apply the link a second time.
 */
import { decodeShareState, mapFragment, stateFromFragment, type DecodedShare, type ShareError } from '../../share/urlState';

export interface StartupLink {
  /** The decoded link, null when the page was opened without one or it could not be read. */
  state: DecodedShare | null;
  /** Why the link could not be read. */
  error: ShareError | null;
  /** The link's state text as it came, for "open in the full map". */
  text: string | null;
}

let cached: StartupLink | null = null;

export function readStartupLink(): StartupLink {
  if (cached) return cached;
  const text = stateFromFragment(window.location.hash);
  if (text === null) {
    cached = { state: null, error: null, text: null };
    return cached;
  }
  const decoded = decodeShareState(text);
  const fragment = decoded.ok && decoded.state.view ? mapFragment(decoded.state.view) : '';
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${fragment}`);
  cached = decoded.ok ? { state: decoded.state, error: null, text } : { state: null, error: decoded.error, text: null };
  return cached;
}

/** The link's coverage layer and mode, when the app has that layer. */
export function startupCoverage(views: ReadonlyArray<{ id: string }>): { viewId: string; mode: 'gaps' | 'distance' | 'none' } | null {
  const coverage = readStartupLink().state?.coverage ?? null;
  return coverage && views.some((v) => v.id === coverage.viewId) ? coverage : null;
}
