import { useMemo, useState } from 'react';
import { currentEntry, displayName, entrySummary, type NameProblem, type ScenarioEntry } from '../../domain/scenarioLibrary';
import { diffSites } from '../../domain/scenarioDiff';
import { useT, type KeyOf } from '../i18n';
import { scenarioStrings } from './strings';
import type { ScenarioLibraryControl } from './useScenarioLibrary';
import { STORAGE_WARN_SHARE } from './useStorageUse';

/** Bytes as B / kB / MB / GB (decimal, as browsers report quota). */
function formatBytes(num: (value: number) => string, bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${num(Math.round(v * 10) / 10)} ${units[u]}`;
}
import './scenarios.css';

interface Props {
  control: ScenarioLibraryControl;
}

const PROBLEM_KEYS: Record<NameProblem, KeyOf<typeof scenarioStrings>> = {
  empty: 'scn_nameEmpty',
  'too-long': 'scn_nameTooLong',
  taken: 'scn_nameTaken',
};


/**
 * The named scenarios: switch, new, duplicate, rename, delete (two steps), and "compare with".
 * Every change is saved in this browser at once (see useScenarioLibrary).
 */
export function ScenariosPanel({ control }: Props) {
  const { t, num, lang } = useT(scenarioStrings);
  const { library } = control;
  const [renaming, setRenaming] = useState<{ id: string; text: string; problem: NameProblem | null } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const current = library ? currentEntry(library) : null;
  const compared = control.compareEntry;
  const diff = useMemo(() => (current && compared ? diffSites(current.sites, compared.sites) : null), [current, compared]);
  if (!library || !current) return null;
  const name = (e: ScenarioEntry) => displayName(e, lang);

  const startRename = () => setRenaming({ id: current.id, text: name(current), problem: null });
  const saveRename = () => {
    if (!renaming) return;
    const problem = control.rename(renaming.id, renaming.text);
    setRenaming(problem ? { ...renaming, problem } : null);
  };

  return (
    <section className="panel scenarios-panel" data-testid="scenarios-panel" aria-label={t('scn_title')}>
      <h2>{t('scn_title')}</h2>
      {control.editMode === 'elsewhere' || control.editMode === 'taken' || control.editMode === 'waiting' ? (
        <div className="scenario-readonly" role="status" data-testid="readonly-notice" data-mode={control.editMode}>
          <span>{t(control.editMode === 'elsewhere' ? 'readOnlyElsewhere' : control.editMode === 'taken' ? 'readOnlyTaken' : 'readOnlyWaiting')}</span>
          {control.editMode !== 'waiting' ? (
            <button type="button" data-testid="take-over" title={t('takeOverTitle')} onClick={control.takeOver}>
              {t('takeOver')}
            </button>
          ) : null}
        </div>
      ) : null}
      <ul className="scenario-list" data-testid="scenario-list">
        {library.entries.map((e) => {
          const summary = entrySummary(e);
          return (
          <li key={e.id}>
            <button
              type="button"
              className={e.id === current.id ? 'current' : ''}
              aria-pressed={e.id === current.id}
              data-testid={`scenario-item-${e.id}`}
              data-current={e.id === current.id ? 'true' : 'false'}
              aria-busy={control.reading === e.id}
              onClick={() => control.select(e.id)}
            >
              <span className="scenario-name">{name(e)}</span>
              {summary?.illustrative || e.meta?.illustrative ? <span className="scenario-chip">{t('scn_illustrative')}</span> : null}
              <span className="muted scenario-count">{summary ? num(summary.sites) : '…'}</span>
            </button>
          </li>
          );
        })}
      </ul>
      {renaming ? (
        <form
          className="scenario-rename"
          onSubmit={(ev) => {
            ev.preventDefault();
            saveRename();
          }}
        >
          <input
            data-testid="scenario-rename-input"
            aria-label={t('scn_rename')}
            value={renaming.text}
            maxLength={200}
            autoFocus
            onChange={(ev) => setRenaming({ ...renaming, text: ev.target.value, problem: null })}
            onKeyDown={(ev) => {
              if (ev.key === 'Escape') setRenaming(null);
            }}
          />
          <button type="submit" data-testid="scenario-rename-save">
            {t('scn_save')}
          </button>
          <button type="button" onClick={() => setRenaming(null)}>
            {t('scn_cancel')}
          </button>
          {renaming.problem ? (
            <p className="error" role="alert" data-testid="scenario-name-error">
              {t(PROBLEM_KEYS[renaming.problem])}
            </p>
          ) : null}
        </form>
      ) : null}
      {confirmDelete === current.id ? (
        <div className="scenario-confirm" role="alertdialog" aria-label={t('scn_delete')}>
          <span>
            {t('scn_deleteAsk')} “{name(current)}”?
          </span>
          <button
            type="button"
            className="danger"
            data-testid="scenario-delete-confirm"
            onClick={() => {
              control.remove(current.id);
              setConfirmDelete(null);
            }}
          >
            {t('scn_delete')}
          </button>
          <button type="button" onClick={() => setConfirmDelete(null)}>
            {t('scn_cancel')}
          </button>
        </div>
      ) : null}
      <div className="scenario-actions">
        <button type="button" data-testid="scenario-new" onClick={() => control.create(t('scn_newName'))}>
          {t('scn_new')}
        </button>
        <button type="button" data-testid="scenario-duplicate" onClick={() => control.duplicate(current.id, `${name(current)} ${t('scn_copySuffix')}`)}>
          {t('scn_duplicate')}
        </button>
        <button type="button" data-testid="scenario-rename" onClick={startRename}>
          {t('scn_rename')}
        </button>
        <button
          type="button"
          data-testid="scenario-delete"
          disabled={library.entries.length <= 1 || control.editMode !== 'edit'}
          title={library.entries.length <= 1 ? t('scn_lastOne') : control.editMode !== 'edit' ? t('scn_deleteElsewhere') : undefined}
          onClick={() => setConfirmDelete(current.id)}
        >
          {t('scn_delete')}
        </button>
      </div>
      {control.storage ? (
        <p
          className={`muted scenario-storage ${control.storageFull || control.storage.usage > STORAGE_WARN_SHARE * control.storage.quota ? 'warn' : ''}`}
          data-testid="storage-use"
          title={t('scn_storageTitle')}
        >
          {t('scn_storage', {
            used: formatBytes(num, control.storage.usage),
            quota: formatBytes(num, control.storage.quota),
            share: num(Math.round((1000 * control.storage.usage) / control.storage.quota) / 10),
          })}
          {control.storageFull ? <strong role="alert"> {t('scn_storageFull')}</strong> : control.storage.usage > STORAGE_WARN_SHARE * control.storage.quota ? <strong> {t('scn_storageNearlyFull')}</strong> : null}
        </p>
      ) : null}
      <label className="scenario-compare">
        {t('scn_compareWith')}{' '}
        <select data-testid="compare-select" value={compared?.id ?? ''} onChange={(ev) => control.setCompareId(ev.target.value || null)}>
          <option value="">{t('scn_noCompare')}</option>
          {library.entries
            .filter((e) => e.id !== current.id)
            .map((e) => (
              <option key={e.id} value={e.id}>
                {name(e)}
              </option>
            ))}
        </select>
      </label>
      {compared && diff ? (
        <p className="muted compare-summary" data-testid="compare-summary">
          {t('scn_diffOnlyHere')} {num(diff.onlyInA.length)} · {t('scn_diffOnlyThere')} {num(diff.onlyInB.length)} ·{' '}
          {t('scn_diffMoved')} {num(diff.moved.length)} · {t('scn_diffChanged')} {num(diff.changed.length)}
        </p>
      ) : null}
    </section>
  );
}
