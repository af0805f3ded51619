/** Show / hide, opacity and remove, for a base-map layer of the user's (tile server or archive). */
import { useT } from '../i18n';
import { tileStrings } from './strings';

interface Look {
  visible: boolean;
  opacity: number;
}

export function ShowControls<T extends Look>({ testId, look, onChange, onRemove, labels }: {
  /** The controls' data-testid prefix: `${testId}-visible`, `-opacity`, `-remove`. */
  testId: string;
  look: T;
  onChange: (look: T) => void;
  onRemove: () => void;
  labels: { visible: string; remove: string };
}) {
  const { t } = useT(tileStrings);
  return (
    <>
      <label>
        <input type="checkbox" data-testid={`${testId}-visible`} checked={look.visible} onChange={(e) => onChange({ ...look, visible: e.target.checked })} />
        {labels.visible}
      </label>
      <label className="tiles-field">
        {t('tiles_opacity')}
        <input type="range" min={0} max={1} step={0.05} value={look.opacity} data-testid={`${testId}-opacity`} onChange={(e) => onChange({ ...look, opacity: Number(e.target.value) })} />
      </label>
      <button type="button" data-testid={`${testId}-remove`} onClick={onRemove}>
        {labels.remove}
      </button>
    </>
  );
}
