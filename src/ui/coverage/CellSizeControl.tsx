import { useMemo } from 'react';
import { cellSizesFor, thisDevice, type CellSizeM } from '../../io/cellSizeSetting';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { coverageStrings } from './strings';

/**
 * The coverage grid's cell size (src/io/cellSizeSetting.ts): the sizes this device is offered, kept
 * in localStorage; a change rebuilds the coverage and network grids and every figure follows.
 */
export function CellSizeControl() {
  const { t } = useT(coverageStrings);
  const cellM = useAppStore((s) => s.cellM);
  const setCellM = useAppStore((s) => s.setCellM);
  const { offered } = useMemo(() => cellSizesFor(thisDevice()), []);
  return (
    <label className="coverage-cell-size" title={t('cellSizeHelp')}>
      <span className="muted">{t('cellSize')}</span>
      <select data-testid="cell-size" value={cellM} onChange={(e) => setCellM(Number(e.target.value) as CellSizeM)}>
        {offered.map((m) => (
          <option key={m} value={m}>
            {t('cellSizeOption', { cellM: String(m) })}
          </option>
        ))}
      </select>
    </label>
  );
}
