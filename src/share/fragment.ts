/**
 * Where a share link keeps its state: the `s` parameter of the URL fragment (`#s=…`). Apart from
 * urlState.ts (zod, fflate) so the embed's first script can tell whether it has a link to decode
 * without loading the decoder.
 */

/** The URL fragment parameter that holds the state. */
export const SHARE_PARAM = 's';

/** The state text in a URL fragment (`#s=…`, possibly among other fragment parameters), or null. */
export function stateFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(SHARE_PARAM);
}
