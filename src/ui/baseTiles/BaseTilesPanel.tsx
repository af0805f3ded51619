/**
 * The base-map panel: the tile archive from disk (TileArchiveSection), then the tile server form: a URL template, its coordinate system, attribution and zoom range; once in
 * use, show/hide, opacity and remove. The setting is kept in localStorage (the store's setUserTiles).
 */
import { useState, type FormEvent } from 'react';
import { DEFAULT_USER_TILES, templateProblem, tileOrigin, TILE_CRS, type TileCrs, type UserTiles } from '../../domain/userTiles';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { tileStrings } from './strings';
import { TileArchiveSection } from './TileArchiveSection';
import { ShowControls } from './ShowControls';

const PROBLEM_KEY = { 'not-http': 'tiles_problem_notHttp', 'missing-placeholder': 'tiles_problem_placeholder', 'bad-url': 'tiles_problem_badUrl' } as const;

export function BaseTilesPanel() {
  const { t } = useT(tileStrings);
  const tiles = useAppStore((s) => s.userTiles);
  const problem = useAppStore((s) => s.userTilesProblem);
  const setUserTiles = useAppStore((s) => s.setUserTiles);
  const [form, setForm] = useState<Omit<UserTiles, 'opacity' | 'visible'>>(() => ({ ...DEFAULT_USER_TILES, template: '', ...tiles }));
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = templateProblem(form.template);
    if (p) return setError(t(PROBLEM_KEY[p]));
    if (form.minzoom > form.maxzoom) return setError(t('tiles_problem_zoom'));
    setError(null);
    setUserTiles({ ...form, template: form.template.trim(), opacity: tiles?.opacity ?? 1, visible: true });
  };
  const zoomField = (key: 'minzoom' | 'maxzoom') => (
    <label className="tiles-zoom">
      {t(`tiles_${key}`)}
      <input type="number" min={0} max={22} step={1} value={form[key]} data-testid={`tiles-${key}`} onChange={(e) => setForm({ ...form, [key]: Math.round(Number(e.target.value) || 0) })} />
    </label>
  );

  return (
    <section className="panel tiles-panel" data-testid="tiles-panel">
      <h2>{t('tiles_title')}</h2>
      <TileArchiveSection />
      <h3>{t('tiles_server')}</h3>
      <p className="hint">{t('tiles_note')}</p>
      <form onSubmit={submit}>
        <label className="tiles-field">
          {t('tiles_template')}
          <input type="url" data-testid="tiles-template" value={form.template} placeholder="https://…/{z}/{x}/{y}.png" onChange={(e) => setForm({ ...form, template: e.target.value })} />
        </label>
        <span className="hint">{t('tiles_templateHint')}</span>
        <label className="tiles-field">
          {t('tiles_crs')}
          <select data-testid="tiles-crs" value={form.crs} onChange={(e) => setForm({ ...form, crs: e.target.value as TileCrs })}>
            {TILE_CRS.map((c) => (
              <option key={c} value={c}>
                {t(`tiles_crs_${c}`)}
              </option>
            ))}
          </select>
        </label>
        {form.crs === 'gcj02' && <span className="hint">{t('tiles_crsNote')}</span>}
        <label className="tiles-field">
          {t('tiles_attribution')}
          <input type="text" data-testid="tiles-attribution" value={form.attribution} maxLength={300} onChange={(e) => setForm({ ...form, attribution: e.target.value })} />
        </label>
        <div className="tiles-zooms">
          {zoomField('minzoom')}
          {zoomField('maxzoom')}
        </div>
        {error && (
          <p className="tiles-error" role="alert" data-testid="tiles-error">
            {error}
          </p>
        )}
        <button type="submit" data-testid="tiles-apply">
          {t('tiles_apply')}
        </button>
      </form>
      {tiles && (
        <div className="tiles-current" data-testid="tiles-current">
          <p>{t('tiles_current', { origin: tileOrigin(tiles.template), crs: t(`tiles_crs_${tiles.crs}`) })}</p>
          <ShowControls testId="tiles" look={tiles} onChange={setUserTiles} onRemove={() => setUserTiles(null)} labels={{ visible: t('tiles_visible'), remove: t('tiles_remove') }} />
        </div>
      )}
      {problem && (
        <p className="tiles-error" role="alert" data-testid="tiles-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
