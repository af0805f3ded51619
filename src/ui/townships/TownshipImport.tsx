/**
 * Import of a user's township polygons (the districts the shipped file leaves out): a file picker,
 * what the file brought, every refused feature named, and one click to remove it again.
 */
import { useT } from '../i18n';
import { townshipStrings } from './strings';
import type { TownshipFileControl } from './useTownshipFile';

export function TownshipImport({ file }: { file: TownshipFileControl }) {
  const { t } = useT(townshipStrings);
  const { imported, error, busy } = file;
  return (
    <div className="tw-import" data-testid="township-import">
      <label className="tw-import-pick" title={t('tw_importHelp')}>
        {t('tw_import')}
        <input
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          data-testid="township-file"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void file.importFile(f);
          }}
        />
      </label>
      {busy ? <span className="muted"> {t('tw_reading')}</span> : null}
      <p className="muted coverage-note">{t('tw_importHelp')}</p>
      {imported ? (
        <p className="coverage-note" data-testid="township-imported">
          {t('tw_importedFile', {
            file: imported.fileName,
            n: imported.townships.length,
            joined: imported.joined,
            replaced: imported.replaced,
            districts: imported.districts.join(', '),
          })}{' '}
          <button type="button" data-testid="township-remove" disabled={busy} onClick={() => void file.remove()}>
            {t('tw_remove')}
          </button>
        </p>
      ) : null}
      {error ? (
        <div className="tw-error" role="alert" data-testid="township-error">
          {t('tw_refused')}
          {error.message}
          {error.problems.length > 1 ? (
            <>
              <div>{t('tw_problems', { n: error.problems.length })}</div>
              <ul>
                {error.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
