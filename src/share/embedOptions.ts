/**
 * The embed's options from its URL query (readable on purpose, so whoever pastes the snippet can
 * see and change them): `lang=zh|en`, `locked=1` (no pan or zoom by the reader), `origins=…` (the
 * host pages allowed to steer the map, see hostApi.ts), `year=2021` (as of that year: the sites built by
 * its end; one of 2019–2025, overriding the link's). The map state itself — view, layers,
 * selection, scenario — travels in the fragment (`#s=…`, urlState.ts). Pure.
 */
import { parseOriginList, type OriginList } from './hostApi';
import type { ShareLang } from './urlState';
import { langFromParam } from '../domain/lang';
import { asOfYearFrom } from '../domain/siteYear';

export interface EmbedOptions {
  /** Overrides the link's language when given. */
  lang: ShareLang | null;
  locked: boolean;
  origins: OriginList;
  /** `year=`: the as-of year (null: not given, the link's or every site). */
  asOf: number | null;
}

export function parseEmbedOptions(search: string, ownOrigin: string): EmbedOptions {
  const params = new URLSearchParams(search);
  const locked = params.get('locked');
  return {
    lang: langFromParam(params.get('lang')),
    locked: locked === '1' || locked === 'true',
    origins: parseOriginList(params.get('origins'), ownOrigin),
    asOf: asOfYearFrom(params.get('year')),
  };
}

export interface EmbedLinkInput {
  /** The app's embed page, absolute (e.g. `https://maps.example.org/siting/embed.html`). */
  embedUrl: string;
  /** Encoded map state (urlState.ts), or null for the bundled sample at the default view. */
  state: string | null;
  lang: ShareLang | null;
  locked: boolean;
  origins: readonly string[];
  /** The as-of year to open at (`year=`); null or absent: the link's, or every site. */
  asOf?: number | null;
}

/** The embed's URL with its options. */
export function embedUrl({ embedUrl, state, lang, locked, origins, asOf }: EmbedLinkInput): string {
  const url = new URL(embedUrl);
  url.search = '';
  url.hash = '';
  if (lang) url.searchParams.set('lang', lang);
  if (locked) url.searchParams.set('locked', '1');
  if (origins.length > 0) url.searchParams.set('origins', origins.join(','));
  if (asOf !== undefined && asOf !== null) url.searchParams.set('year', String(asOf));
  // URLSearchParams writes ':' and '/' of the origins percent-encoded; both forms read back the same.
  return `${url.href}${state ? `#s=${state}` : ''}`;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The `<iframe>` snippet for a host page. Attribute values are escaped, so any text is safe in it. */
export function iframeSnippet(src: string, width: number, height: number, title: string): string {
  return `<iframe src="${escapeAttr(src)}" width="${Math.round(width)}" height="${Math.round(height)}" title="${escapeAttr(title)}" style="border:0" loading="lazy"></iframe>`;
}
