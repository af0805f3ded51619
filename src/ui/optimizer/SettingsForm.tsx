/** The optimiser's settings: goal (close the gap / best N), scope (district, ring part), new sites' type, solver, lattice spacing. */
import type { FacilityTypeId } from '../../domain/facilityTypes';
import type { Plan } from '../../domain/plan';
import type { SolverChoice } from '../../optimize/optimizer';
import type { RingChoice } from '../../optimize/scope';
import { useT } from '../i18n';
import { FacilityTypeSelect } from '../FacilityTypeSelect';
import type { OptimizerSettings } from './optimizeInput';
import { optimizerStrings } from './strings';

interface Props {
  settings: OptimizerSettings;
  onChange: (patch: Partial<OptimizerSettings>) => void;
  plans: readonly Plan[];
  /** The coverage layer's facility types (what a new site may be). */
  facilities: readonly FacilityTypeId[];
  /** The type new sites get now. */
  newType: FacilityTypeId | null;
  /** A candidate file replaces the lattice: its spacing is then not asked. */
  fileChosen: boolean;
}

export function SettingsForm({ settings, onChange, plans, facilities, newType, fileChosen }: Props) {
  const { t, pick } = useT(optimizerStrings);
  const { goal, targetPct, n, district, ring, solver, spacing, objective } = settings;
  return (
    <>
      <fieldset className="opt-goal" data-testid="opt-objective">
        <legend>{t('opt_objective')}</legend>
        {(['area', 'residents'] as const).map((o) => (
          <label key={o}>
            <input type="radio" name="opt-objective" data-testid={`opt-objective-${o}`} checked={objective === o} onChange={() => onChange({ objective: o })} />
            {t(`opt_objective_${o}`)}
          </label>
        ))}
        {objective === 'residents' ? <p className="muted opt-note">{t('opt_objectiveResidentsNote')}</p> : null}
      </fieldset>
      <fieldset className="opt-goal">
        <legend>{t('opt_goal')}</legend>
        <label>
          <input type="radio" name="opt-goal" data-testid="opt-goal-close" checked={goal === 'close-gap'} onChange={() => onChange({ goal: 'close-gap' })} />
          {t('opt_closeGap')}
        </label>
        {goal === 'close-gap' ? (
          <label className="opt-sub">
            {t(objective === 'residents' ? 'opt_targetShareResidents' : 'opt_targetShare')}
            <input type="number" data-testid="opt-target" min={1} max={100} step={0.1} value={targetPct} onChange={(e) => onChange({ targetPct: Number(e.target.value) })} />
          </label>
        ) : null}
        <label>
          <input type="radio" name="opt-goal" data-testid="opt-goal-bestn" checked={goal === 'best-n'} onChange={() => onChange({ goal: 'best-n' })} />
          {t('opt_bestN')}
        </label>
        {goal === 'best-n' ? (
          <label className="opt-sub">
            {t('opt_n')}
            <input type="number" data-testid="opt-n" min={1} max={500} step={1} value={n} onChange={(e) => onChange({ n: Number(e.target.value) })} />
          </label>
        ) : null}
      </fieldset>
      <div className="opt-grid">
        <label>
          {t('opt_scope')}
          <select data-testid="opt-district" value={district} onChange={(e) => onChange({ district: e.target.value })}>
            {plans.map((p) => (
              <option key={p.district} value={p.district}>
                {pick(p.name_zh, p.name_en)}
              </option>
            ))}
          </select>
        </label>
        <label>
          &nbsp;
          <select data-testid="opt-ring" value={ring} onChange={(e) => onChange({ ring: e.target.value as RingChoice })}>
            <option value="all">{t('opt_ringAll')}</option>
            <option value="inside">{t('insideRing')}</option>
            <option value="outside">{t('outsideRing')}</option>
          </select>
        </label>
        <label>
          {t('opt_newType')}
          <FacilityTypeSelect testId="opt-type" types={facilities} value={newType ?? ''} onChange={(type) => onChange({ type })} />
        </label>
        <label>
          {t('opt_solver')}
          <select data-testid="opt-solver" value={solver} onChange={(e) => onChange({ solver: e.target.value as SolverChoice })}>
            {(['auto', 'heuristic', 'exact'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`opt_solver_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('opt_spacing')}
          <input type="number" data-testid="opt-spacing" min={50} max={2000} step={50} value={spacing} disabled={fileChosen} onChange={(e) => onChange({ spacing: Number(e.target.value) })} />
        </label>
      </div>
    </>
  );
}
