import { FACILITY_TYPE_IDS, FACILITY_TYPES, type FacilityTypeId } from '../../domain/facilityTypes';
import { useT } from '../i18n';
import { editingStrings } from './strings';
import { canRedo, canUndo } from '../../domain/history';
import { useAppStore } from '../state/appStore';

/** Map tools: select/drag, add a site of a type, undo, redo. Floats over the map's top-left corner. */
export function EditToolbar() {
  const { t, pick } = useT(editingStrings);
  // What it shows, each by its own selector: a drag step changes none of them.
  const { setTool, setAddType, undo, redo } = useAppStore.getState();
  const editing = {
    tool: useAppStore((s) => s.tool),
    locked: useAppStore((s) => s.locked),
    addType: useAppStore((s) => s.addType),
    canUndo: useAppStore((s) => !s.locked && canUndo(s.history)),
    canRedo: useAppStore((s) => !s.locked && canRedo(s.history)),
    setTool,
    setAddType,
    undo,
    redo,
  };
  return (
    <div className="edit-toolbar" data-testid="edit-toolbar" role="toolbar" aria-label={t('editTools')}>
      <button
        type="button"
        aria-pressed={editing.tool === 'select'}
        data-testid="tool-select"
        title={t('toolSelectTitle')}
        onClick={() => editing.setTool('select')}
      >
        ↖ {t('toolSelect')}
      </button>
      <button
        type="button"
        aria-pressed={editing.tool === 'add'}
        data-testid="tool-add"
        disabled={editing.locked}
        title={editing.locked ? t('readOnlyTitle') : t('toolAddTitle')}
        onClick={() => editing.setTool(editing.tool === 'add' ? 'select' : 'add')}
      >
        ＋ {t('toolAdd')}
      </button>
      <select
        data-testid="add-type"
        value={editing.addType}
        aria-label={t('siteType')}
        onChange={(e) => editing.setAddType(e.target.value as FacilityTypeId)}
      >
        {FACILITY_TYPE_IDS.map((id) => (
          <option key={id} value={id}>
            {pick(FACILITY_TYPES[id].label_zh, FACILITY_TYPES[id].label_en)}
          </option>
        ))}
      </select>
      <button type="button" data-testid="undo" disabled={!editing.canUndo} title="Ctrl+Z" onClick={editing.undo}>
        ↶ {t('undo')}
      </button>
      <button type="button" data-testid="redo" disabled={!editing.canRedo} title="Ctrl+Shift+Z / Ctrl+Y" onClick={editing.redo}>
        ↷ {t('redo')}
      </button>
    </div>
  );
}
