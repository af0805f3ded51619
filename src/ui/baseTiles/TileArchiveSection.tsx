/**
 * The tile archive in the base-map panel: open a PMTiles file by picker or drop, then show/hide,
 * opacity, remove. An opened archive is kept in the origin-private file system (io/tileArchiveStore)
 * and opened again from there when the page loads; where it cannot be kept, it still shows for the
 * session and the section says why. A file that is not an archive is refused with the reason and
 * the archive shown before stays.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { forgetArchive, keepArchive, keptArchive, readArchiveSetting, writeArchiveSetting, type KeepProblem } from '../../io/tileArchiveStore';
import { archiveNames, nameTiles } from '../../map/archiveNames';
import { ArchiveProblem, openArchive, type OpenedArchive } from '../../map/pmtilesSource';
import type { ArchiveOnMap } from '../../map/tileArchiveLayer';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { tileStrings } from './strings';
import { ShowControls } from './ShowControls';

const KEEP_KEY: Record<KeepProblem, 'arch_keep_unavailable' | 'arch_keep_full' | 'arch_keep_failed'> = {
  unavailable: 'arch_keep_unavailable',
  full: 'arch_keep_full',
  failed: 'arch_keep_failed',
};

const setArchive = (archive: ArchiveOnMap | null) => {
  useAppStore.setState({ tileArchive: archive, tileArchiveNames: [] });
  if (archive) writeArchiveSetting({ name: archive.opened.name, opacity: archive.opacity, visible: archive.visible });
};

/** Reads the archive's names for the search (bounded: archiveNames.ts), unless another archive came meanwhile. */
async function indexNames(opened: OpenedArchive): Promise<void> {
  const names = await archiveNames(opened).catch(() => []);
  if (useAppStore.getState().tileArchive?.opened.id === opened.id) useAppStore.setState({ tileArchiveNames: names });
}

function sizeText(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

export function TileArchiveSection() {
  const { t } = useT(tileStrings);
  const archive = useAppStore((s) => s.tileArchive);
  const names = useAppStore((s) => s.tileArchiveNames);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [kept, setKept] = useState<KeepProblem | 'kept' | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // The kept archive, opened again once when the page loads.
  useEffect(() => {
    let live = true;
    void (async () => {
      const file = await keptArchive();
      if (!file || !live || useAppStore.getState().tileArchive) return;
      const setting = readArchiveSetting();
      try {
        const opened = await openArchive(file, setting?.name ?? file.name);
        if (!live || useAppStore.getState().tileArchive) return;
        setArchive({ opened, opacity: setting?.opacity ?? 1, visible: setting?.visible ?? true });
        setKept('kept');
        void indexNames(opened);
      } catch (e) {
        if (live) setProblem(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => void (live = false);
  }, []);

  const open = async (file: File) => {
    setBusy(file.name);
    setProblem(null);
    try {
      const opened = await openArchive(file, file.name);
      setArchive({ opened, opacity: archive?.opacity ?? 1, visible: true });
      void indexNames(opened);
      setKept(null);
      const why = await keepArchive(file);
      const current = useAppStore.getState().tileArchive;
      if (current?.opened.id === opened.id) setKept(why ?? 'kept');
      // Not kept, or removed while it was being copied: no copy of this or an older archive is left to reopen.
      if (why || !current) await forgetArchive();
    } catch (e) {
      // The archive shown before stays.
      setProblem(e instanceof ArchiveProblem ? e.message : `${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  // Any other file dropped on the section: tried, and refused with the reason.
  const onDrop = (e: DragEvent) => {
    if (e.nativeEvent.defaultPrevented) return;
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (file) void open(file);
  };

  // A .pmtiles file dropped anywhere (the map too) is opened here, before the sites import's
  // window-wide drop handler, which leaves a handled drop alone.
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    const drop = (e: globalThis.DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file || !/\.pmtiles$/i.test(file.name) || e.defaultPrevented) return;
      e.preventDefault();
      void openRef.current(file);
    };
    window.addEventListener('drop', drop, { capture: true });
    return () => window.removeEventListener('drop', drop, { capture: true });
  }, []);

  const remove = async () => {
    setArchive(null);
    setKept(null);
    setProblem(null);
    await forgetArchive();
  };

  const a = archive?.opened;
  const kind = a ? (a.format === 'mvt' ? t('arch_kind_vector', { schema: t(`arch_schema_${a.schema ?? 'other'}`) }) : t('arch_kind_raster', { format: a.format.toUpperCase() })) : '';
  return (
    <div className="archive-section" data-testid="archive-section" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <h3>{t('arch_title')}</h3>
      <p className="hint">{t('arch_note')}</p>
      <div className="archive-open">
        <button type="button" onClick={() => input.current?.click()} disabled={busy !== null}>
          {t('arch_open')}
        </button>
        <span className="hint">{t('arch_drop')}</span>
        <input
          ref={input}
          type="file"
          accept=".pmtiles"
          hidden
          data-testid="archive-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void open(file);
          }}
        />
      </div>
      {busy && <p className="hint">{t('arch_opening', { name: busy })}</p>}
      {problem && (
        <p className="tiles-error" role="alert" data-testid="archive-problem">
          {problem}
        </p>
      )}
      {archive && a && (
        <div className="tiles-current" data-testid="archive-current" data-archive-format={a.format} data-archive-schema={a.schema ?? ''}>
          <p>{t('arch_current', { name: a.name, kind, size: sizeText(a.bytes), zooms: `${a.header.minZoom}–${a.header.maxZoom}` })}</p>
          {kept && (
            <p className={kept === 'kept' ? 'hint' : 'tiles-error'} data-testid="archive-kept" data-kept={kept}>
              {t(kept === 'kept' ? 'arch_kept' : KEEP_KEY[kept])}
            </p>
          )}
          {names.length > 0 && <p className="hint" data-testid="archive-names">{t('arch_names', { count: names.length, zoom: nameTiles(a.header)[0]?.[0] ?? '' })}</p>}
          <ShowControls testId="archive" look={archive} onChange={setArchive} onRemove={() => void remove()} labels={{ visible: t('arch_visible'), remove: t('arch_remove') }} />
        </div>
      )}
    </div>
  );
}
