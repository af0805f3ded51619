import { useEffect, useMemo, useRef, useState } from 'react';
import type { ScenarioMeta } from '../../domain/scenarioFile';
import type { Site } from '../../domain/site';
import { LAYER_GROUPS, type LayerVisibility } from '../../map/baseStyle';
import { scenarioFileText } from '../../io/exportScenario';
import { embedUrl, iframeSnippet } from '../../share/embedOptions';
import { parseOriginList } from '../../share/hostApi';
import {
  encodeShareState,
  MAX_STATE_CHARS,
  SHARE_PARAM,
  viewFromMapFragment,
  type EncodeResult,
  type ShareCoverageMode,
} from '../../share/urlState';
import { LANG_NAMES, LANGS, type Lang, useT } from '../i18n';
import { shareStrings } from './strings';
import { useAppStore } from '../state/appStore';
import { copyText, downloadText } from './clipboard';
import './share.css';

interface ScenarioContent {
  meta: ScenarioMeta | null;
  sites: readonly Site[];
}

interface Props {
  visibility: LayerVisibility;
  district: string | null;
  zone: string | null;
  /** The selected township (carried by the link when set). */
  township?: string | null;
  /** The coverage layer shown (null: none) and its picture mode. */
  coverageViewId: string | null;
  coverageMode: ShareCoverageMode;
  scenario: ScenarioContent;
  /** The bundled sample: a scenario built on it goes as its difference, which keeps links short. */
  sample: ScenarioContent | null;
  onClose: () => void;
}

/** The "Share / Embed" dialog: a link to this map state, and an `<iframe>` snippet for a web page. */
export function ShareDialog(props: Props) {
  const { onClose } = props;
  const { t, num, lang } = useT(shareStrings);
  // The view as the map keeps it in the fragment (MapView's `hash: true`), read when the dialog opens.
  const [view] = useState(() => viewFromMapFragment(window.location.hash));
  const [width, setWidth] = useState(800);
  const [height, setHeight] = useState(560);
  const [embedLang, setEmbedLang] = useState<Lang>(lang);
  const [embedLayers, setEmbedLayers] = useState<LayerVisibility>(props.visibility);
  const [locked, setLocked] = useState(false);
  const [originsText, setOriginsText] = useState('');
  const dialogRef = useRef<HTMLDivElement>(null);

  const { district, zone, township = null, coverageViewId, coverageMode, scenario, sample, visibility } = props;
  // The as-of year travels in the link and the embed's fragment alike.
  const asOf = useAppStore((s) => s.asOf);
  const link = useMemo(() => {
    const coverage = coverageViewId ? { viewId: coverageViewId, mode: coverageMode } : null;
    return encodeShareState({ view, lang, layers: visibility, district, zone, township, coverage, asOf, scenario }, sample);
  }, [view, lang, visibility, district, zone, township, coverageViewId, coverageMode, asOf, scenario, sample]);
  const embedState = useMemo(() => {
    const coverage = coverageViewId ? { viewId: coverageViewId, mode: coverageMode } : null;
    return encodeShareState({ view, lang: embedLang, layers: embedLayers, district, zone, township, coverage, asOf, scenario }, sample);
  }, [view, embedLang, embedLayers, district, zone, township, coverageViewId, coverageMode, asOf, scenario, sample]);
  const origins = parseOriginList(originsText, window.location.origin);
  const linkUrl = link.ok ? `${window.location.origin}${window.location.pathname}#${SHARE_PARAM}=${link.text}` : null;
  const embedSrc = embedState.ok
    ? embedUrl({
        embedUrl: new URL('embed.html', window.location.href).href,
        state: embedState.text,
        lang: null,
        locked,
        // Only what the user typed: an empty list leaves the embed's default (its own origin).
        origins: originsText.trim() ? origins.origins : [],
      })
    : null;
  const snippet = embedSrc ? iframeSnippet(embedSrc, width, height, t('shr_embedTitle')) : null;

  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  // Focus moves into the dialog once, when it opens; Esc closes it.
  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('textarea, button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="shr-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="shr-dialog" role="dialog" aria-modal="true" aria-labelledby="shr-title" data-testid="share-dialog" ref={dialogRef}>
        <header className="shr-head">
          <h2 id="shr-title">{t('shr_dialogTitle')}</h2>
          <button type="button" className="close" onClick={onClose} aria-label={t('close')} data-testid="share-close">
            ×
          </button>
        </header>

        <section className="shr-section">
          <h3>{t('shr_linkHeading')}</h3>
          {linkUrl ? (
            <>
              <p className="muted">{t('shr_linkHint')}</p>
              <CopyField value={linkUrl} testId="share-link" rows={3} />
              <p className="muted" data-testid="share-link-size">
                {num(scenario.sites.length)} {t('shr_sites')} · {num(linkUrl.length)} {t('shr_characters')}
              </p>
            </>
          ) : (
            <TooLarge result={link} scenario={scenario} />
          )}
        </section>

        <section className="shr-section">
          <h3>{t('shr_embedHeading')}</h3>
          <div className="shr-options">
            <label>
              {t('shr_width')}
              <input type="number" min={200} max={4000} step={10} value={width} data-testid="embed-width" onChange={(e) => setWidth(clampSize(e.target.valueAsNumber, width))} />
            </label>
            <label>
              {t('shr_height')}
              <input type="number" min={200} max={4000} step={10} value={height} data-testid="embed-height" onChange={(e) => setHeight(clampSize(e.target.valueAsNumber, height))} />
            </label>
            <label>
              {t('shr_language')}
              <select value={embedLang} data-testid="embed-lang" onChange={(e) => setEmbedLang(e.target.value as Lang)}>
                {LANGS.map((l) => (
                  <option key={l} value={l}>
                    {LANG_NAMES[l]}
                  </option>
                ))}
              </select>
            </label>
            <label className="shr-check">
              <input type="checkbox" checked={locked} data-testid="embed-locked" onChange={() => setLocked(!locked)} />
              {t('shr_lockedView')}
            </label>
          </div>
          <fieldset className="shr-layers">
            <legend>{t('shr_embedLayers')}</legend>
            {LAYER_GROUPS.map((g) => (
              <label key={g} className="shr-check">
                <input
                  type="checkbox"
                  checked={embedLayers[g]}
                  data-testid={`embed-layer-${g}`}
                  onChange={() => setEmbedLayers((v) => ({ ...v, [g]: !v[g] }))}
                />
                {t(`layer_${g}`)}
              </label>
            ))}
          </fieldset>
          <label className="shr-origins">
            {t('shr_origins')}
            <input
              type="text"
              value={originsText}
              placeholder="https://www.example.gov.cn"
              data-testid="embed-origins"
              onChange={(e) => setOriginsText(e.target.value)}
            />
            <span className="muted">{t('shr_originsHint')}</span>
            {origins.rejected.length > 0 ? (
              <span className="error" data-testid="embed-origins-rejected">
                {origins.rejected.join(', ')}: {t('shr_originsRejected')}
              </span>
            ) : null}
          </label>
          {snippet && embedSrc ? (
            <>
              <CopyField value={snippet} testId="embed-snippet" rows={4} />
              <a href={embedSrc} target="_blank" rel="noopener" data-testid="embed-preview">
                {t('shr_previewEmbed')}
              </a>
            </>
          ) : (
            <TooLarge result={embedState} scenario={scenario} />
          )}
        </section>
      </div>
    </div>
  );
}

function clampSize(value: number, previous: number): number {
  return Number.isFinite(value) ? Math.min(4000, Math.max(100, Math.round(value))) : previous;
}

/** A read-only text with a copy button that says whether the copy worked. */
function CopyField({ value, testId, rows }: { value: string; testId: string; rows: number }) {
  const { t } = useT(shareStrings);
  const ref = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => setCopied(null), [value]);
  return (
    <div className="shr-copy">
      <textarea ref={ref} readOnly rows={rows} value={value} data-testid={testId} onFocus={(e) => e.target.select()} />
      <button type="button" data-testid={`${testId}-copy`} onClick={() => void copyText(value, ref.current).then(setCopied)}>
        {t('shr_copy')}
      </button>
      {copied !== null ? (
        <span className={copied ? 'shr-copied' : 'error'} role="status">
          {t(copied ? 'shr_copied' : 'shr_copyFailed')}
        </span>
      ) : null}
    </div>
  );
}

/** The scenario does not fit in a link: say by how much, and offer the scenario file instead. */
function TooLarge({ result, scenario }: { result: EncodeResult; scenario: ScenarioContent }) {
  const { t, num } = useT(shareStrings);
  if (result.ok) return null;
  if (result.reason === 'invalid') {
    return (
      <p className="error" role="alert">
        {result.detail}
      </p>
    );
  }
  return (
    <div className="shr-too-large" role="alert" data-testid="share-too-large">
      <p>
        <strong>{t('shr_tooLarge')}</strong> — {num(scenario.sites.length)} {t('shr_sites')}, {num(result.chars)}{' '}
        {t('shr_characters')} &gt; {num(MAX_STATE_CHARS)}.
      </p>
      <p>{t('shr_tooLargeHint')}</p>
      <button
        type="button"
        data-testid="share-export-file"
        onClick={() => downloadText('scenario.geojson', scenarioFileText(scenario.meta, scenario.sites), 'application/geo+json')}
      >
        {t('shr_exportInstead')}
      </button>
    </div>
  );
}
