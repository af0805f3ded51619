import { useMemo, useState } from 'react';
import type { AssumptionValues } from '../../domain/assumptions';
import { resolveViewRule, type CoverageView } from '../../domain/coverageViews';
import { FACILITY_TYPES, type FacilityTypeId } from '../../domain/facilityTypes';
import type { Plan } from '../../domain/plan';
import type { Site } from '../../domain/site';
import type { Geodata } from '../../io/loadGeodata';
import type { RowProblem } from '../../io/siteFile';
import { parseCandidateFile } from './candidateFile';
import { proposedToSites } from '../../optimize/acceptProposed';
import type { OptimizeInput, OptimizeResult, SolverChoice } from '../../optimize/optimizer';
import type { RingChoice } from '../../optimize/scope';
import { useT } from '../i18n';
import { optimizerStrings } from './strings';
import { viewLabel } from '../coverage/viewLabel';
import { PROPOSED_RGB } from './proposedLayers';
import { useOptimizer } from './useOptimizer';
import { acceptedOf } from './proposals';
import { useAppStore } from '../state/appStore';
import './optimizer.css';

interface Props {
  data: Geodata | null;
  plans: readonly Plan[];
  views: readonly CoverageView[];
  viewId: string | null;
  assumptions: AssumptionValues;
  sites: readonly Site[];
  /** Adds sites to the scenario as one undoable edit. */
  onAccept: (added: Site[]) => void;
}

const MAX_FILE_BYTES = 20 * 1048576;
const DEFAULT_DISTRICT = '310112';

interface CandidateFile {
  name: string;
  points: Array<{ lon: number; lat: number }>;
  /** File row of each point (same order). */
  rows: number[];
  refused: RowProblem[];
}

/** Siting optimiser: goal, scope, candidates and solver; progress; proposals to accept into the scenario. */
export function OptimizerPanel(props: Props) {
  const { data } = props;
  const optimizer = useOptimizer();
  const { t, num, pick, lang } = useT(optimizerStrings);
  const view = props.views.find((v) => v.id === props.viewId) ?? null;
  const rule = view ? resolveViewRule(view, props.assumptions) : null;
  const [goal, setGoal] = useState<'close-gap' | 'best-n'>('close-gap');
  const [targetPct, setTargetPct] = useState(100);
  const [n, setN] = useState(5);
  const [district, setDistrict] = useState(DEFAULT_DISTRICT);
  const [ring, setRing] = useState<RingChoice>('all');
  const [type, setType] = useState<FacilityTypeId | null>(null);
  const [spacing, setSpacing] = useState(250);
  const [solver, setSolver] = useState<SolverChoice>('auto');
  const [file, setFile] = useState<CandidateFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [status, setStatus] = useState<'candidate' | 'planned'>('candidate');
  // Which proposals are picked, and which accepted (by list index → the id of the site made from it):
  // in the app's store, where the map reads them to draw the proposals still on offer. A proposal
  // counts as accepted while that site is in the scenario: an undo offers it again.
  const { selected, acceptedIds } = useAppStore((s) => s.proposals);
  const toggleProposal = useAppStore((s) => s.toggleProposal);
  const markAccepted = useAppStore((s) => s.markAccepted);
  const accepted = useMemo(() => acceptedOf(acceptedIds, props.sites), [acceptedIds, props.sites]);
  const newType = type && view?.facilities.includes(type) ? type : (view?.primary ?? null);
  const { state } = optimizer;
  const result = state.status === 'done' ? state.result : null;

  const districtFeature = data?.districts?.features.find((f) => f.properties.adcode === district);
  const canRun = !!(view && rule && districtFeature && data?.outerRingArea && data.land && data.ocean && data.rivers) && state.status !== 'running';

  const run = () => {
    if (!view || !rule || !districtFeature || !data?.outerRingArea || !data.land || !data.ocean || !data.rivers) return;
    const types = new Set<string>(view.facilities);
    const input: OptimizeInput = {
      district: { id: district, geometry: districtFeature.geometry },
      outerRing: data.outerRingArea.features.map((f) => f.geometry),
      ring,
      rule: { insideKm: rule.insideKm, outsideKm: rule.outsideKm },
      water: {
        land: data.land.features.map((f) => ({ geometry: f.geometry })),
        ocean: data.ocean.features.map((f) => ({ geometry: f.geometry })),
        rivers: data.rivers.features.map((f) => ({ geometry: f.geometry, properties: { wdbii_level: Number(f.properties.wdbii_level) || undefined } })),
      } as OptimizeInput['water'],
      land: data.land.features.map((f) => f.geometry),
      existing: props.sites
        .filter((s) => types.has(s.type))
        .map((s) => ({ id: s.id, lon: s.lon, lat: s.lat, ...(s.radiusKm === undefined ? {} : { radiusKm: s.radiusKm }) })),
      goal: goal === 'close-gap' ? { kind: 'close-gap', targetShare: Math.min(100, Math.max(0, targetPct)) / 100 } : { kind: 'best-n', n: Math.max(1, Math.floor(n)) },
      candidates: file ? { kind: 'list', points: file.points } : { kind: 'lattice', spacingM: Math.max(50, spacing) },
      solver,
      exactTimeLimitS: solver === 'exact' ? 60 : 20,
    };
    optimizer.run(input);
  };

  const readFile = async (f: File | undefined) => {
    setFileError(null);
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) {
      setFileError(`${f.name}: ${num(f.size / 1048576, 1)} MB > ${MAX_FILE_BYTES / 1048576} MB`);
      return;
    }
    let parsed;
    try {
      parsed = await parseCandidateFile(f, newType ?? 'ev-charging-pile');
    } catch (e) {
      setFileError(`${f.name}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    setFile({ name: f.name, points: parsed.sites.map((s) => ({ lon: s.lon, lat: s.lat })), rows: parsed.siteRows, refused: parsed.rejected });
  };

  const accept = (which: number[]) => {
    if (!result || !newType) return;
    const picked = which.filter((i) => !accepted.has(i)).map((i) => ({ ...result.sites[i]!, n: i + 1 }));
    if (picked.length === 0) return;
    const added = proposedToSites(props.sites, picked, { type: newType, status, nameWord: t('opt_proposed') });
    props.onAccept(added);
    markAccepted(picked.map((p, k) => [p.n - 1, added[k]!.id] as const));
  };

  const pct = (share: number, digits = 1) => `${num(share * 100, digits)}%`;
  const progress = state.progress;

  return (
    <section className="panel opt-panel" data-testid="opt-panel">
      <h2>{t('opt_title')}</h2>
      {view ? <p className="muted">{viewLabel(lang, view, rule)} · {t('opt_layerNote')}</p> : null}
      {view && !rule ? <p className="opt-warning">{t('opt_noRule')}</p> : null}
      <fieldset className="opt-goal">
        <legend>{t('opt_goal')}</legend>
        <label>
          <input type="radio" name="opt-goal" data-testid="opt-goal-close" checked={goal === 'close-gap'} onChange={() => setGoal('close-gap')} />
          {t('opt_closeGap')}
        </label>
        {goal === 'close-gap' ? (
          <label className="opt-sub">
            {t('opt_targetShare')}
            <input type="number" data-testid="opt-target" min={1} max={100} step={0.1} value={targetPct} onChange={(e) => setTargetPct(Number(e.target.value))} />
          </label>
        ) : null}
        <label>
          <input type="radio" name="opt-goal" data-testid="opt-goal-bestn" checked={goal === 'best-n'} onChange={() => setGoal('best-n')} />
          {t('opt_bestN')}
        </label>
        {goal === 'best-n' ? (
          <label className="opt-sub">
            {t('opt_n')}
            <input type="number" data-testid="opt-n" min={1} max={500} step={1} value={n} onChange={(e) => setN(Number(e.target.value))} />
          </label>
        ) : null}
      </fieldset>
      <div className="opt-grid">
        <label>
          {t('opt_scope')}
          <select data-testid="opt-district" value={district} onChange={(e) => setDistrict(e.target.value)}>
            {props.plans.map((p) => (
              <option key={p.district} value={p.district}>
                {pick(p.name_zh, p.name_en)}
              </option>
            ))}
          </select>
        </label>
        <label>
          &nbsp;
          <select data-testid="opt-ring" value={ring} onChange={(e) => setRing(e.target.value as RingChoice)}>
            <option value="all">{t('opt_ringAll')}</option>
            <option value="inside">{t('insideRing')}</option>
            <option value="outside">{t('outsideRing')}</option>
          </select>
        </label>
        <label>
          {t('opt_newType')}
          <select data-testid="opt-type" value={newType ?? ''} onChange={(e) => setType(e.target.value as FacilityTypeId)}>
            {(view?.facilities ?? []).map((id) => (
              <option key={id} value={id}>
                {pick(FACILITY_TYPES[id].label_zh, FACILITY_TYPES[id].label_en)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('opt_solver')}
          <select data-testid="opt-solver" value={solver} onChange={(e) => setSolver(e.target.value as SolverChoice)}>
            {(['auto', 'heuristic', 'exact'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`opt_solver_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('opt_spacing')}
          <input type="number" data-testid="opt-spacing" min={50} max={2000} step={50} value={spacing} disabled={file !== null} onChange={(e) => setSpacing(Number(e.target.value))} />
        </label>
      </div>
      <label className="opt-file">
        {t('opt_candidateFile')}
        <input type="file" data-testid="opt-file" accept=".csv,.txt,.geojson,.json,.kml" onChange={(e) => void readFile(e.target.files?.[0])} />
      </label>
      {file ? (
        <div className="muted" data-testid="opt-file-note">
          {file.name}: {num(file.points.length)} {t('opt_fileCandidates')}
          {file.refused.length > 0 ? ` · ${num(file.refused.length)} ${t('opt_fileRowsRefused')}` : ''}{' '}
          <button type="button" className="opt-link" onClick={() => setFile(null)}>
            {t('opt_useGrid')}
          </button>
          {file.refused.length > 0 ? (
            <ul className="rejected-rows">
              {file.refused.slice(0, 10).map((r, i) => (
                <li key={i}>
                  {t('row')} {r.row} · {t('field')} {r.field}: {r.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {fileError ? <p className="opt-warning">{fileError}</p> : null}
      <div className="opt-actions">
        <button type="button" data-testid="opt-run" disabled={!canRun} onClick={run}>
          {t('opt_run')}
        </button>
        {state.status === 'running' ? (
          <button type="button" data-testid="opt-cancel" onClick={optimizer.cancel}>
            {t('opt_cancel')}
          </button>
        ) : null}
      </div>
      {state.status === 'running' ? (
        <div className="opt-progress" data-testid="opt-progress">
          <progress max={1} value={progress?.fraction ?? 0} />
          <span className="muted">
            {progress ? t(`opt_phase_${progress.phase}`) : t('opt_phase_grid')}
            {progress?.exact && progress.exact.primal !== null ? ` · ${t('opt_incumbent')} ${num(progress.exact.primal, 0)}` : ''}
          </span>
        </div>
      ) : null}
      {state.status === 'cancelled' ? <p className="muted" data-testid="opt-cancelled">{t('opt_cancelled')}</p> : null}
      {state.status === 'error' ? (
        <p className="opt-warning" data-testid="opt-error">
          {t('opt_error')}: {state.error}
        </p>
      ) : null}
      {result ? (
        <ResultView
          result={result}
          file={file}
          selected={selected}
          accepted={accepted}
          onToggle={toggleProposal}
          status={status}
          onStatus={setStatus}
          onAccept={accept}
          pct={pct}
        />
      ) : null}
    </section>
  );
}

interface ResultProps {
  result: OptimizeResult;
  file: CandidateFile | null;
  selected: ReadonlySet<number>;
  accepted: ReadonlySet<number>;
  onToggle: (i: number) => void;
  status: 'candidate' | 'planned';
  onStatus: (s: 'candidate' | 'planned') => void;
  onAccept: (which: number[]) => void;
  pct: (share: number, digits?: number) => string;
}

function ResultView({ result, file, selected, accepted, onToggle, status, onStatus, onAccept, pct }: ResultProps) {
  const { t, num } = useT(optimizerStrings);
  const r = result;
  const count = r.sites.length;
  const closeGap = r.goal.kind === 'close-gap';
  const unreachable = closeGap && r.targetShare !== null && r.aimShare !== null && r.aimShare < r.targetShare - 1e-12;
  // Every claim names its model: which candidates, which grid, which ground.
  const model =
    r.model.latticeM !== null
      ? `${num(r.model.candidates)} ${t('opt_modelLattice')} ${num(r.model.latticeM)} m${t('opt_modelLatticeEnd')}`
      : `${num(r.model.candidates)} ${t('opt_modelListed')}`;
  const modelText = `${t('opt_modelAmong')}${model}${t('opt_modelDemand')} ${num(r.model.cellM)} m ${t('opt_modelGrid')}`;
  const boundText = (() => {
    if (r.proven) return `${t('opt_proven')} (${modelText})`;
    if (r.bound === null) return t('opt_noBound');
    const from = r.boundFrom ? ` (${t(`opt_boundFrom_${r.boundFrom}`)})` : '';
    const gap = r.gap !== null ? ` · ${t('opt_gap')} ≤ ${num(r.gap * 100, 1)}%` : '';
    return closeGap
      ? `${t('opt_boundSites')} ${num(r.bound)} ${t('opt_sitesUnit')}${from}${gap} (${modelText})`
      : `${t('opt_boundShare')} ${pct(r.bound, 2)}${from}${gap} (${modelText})`;
  })();
  const open = r.sites.map((_, i) => i).filter((i) => !accepted.has(i));
  return (
    <div
      className="opt-result"
      data-testid="opt-result"
      data-solver={r.solver}
      data-proven={String(r.proven)}
      data-sites={count}
      data-share-after={r.shareAfter.toFixed(6)}
      data-recheck={r.recheckShare.toFixed(6)}
    >
      <h3>{t('opt_result')}</h3>
      {r.areaKm2 === 0 ? <p className="opt-warning">{t('opt_noArea')}</p> : null}
      {unreachable ? (
        <p className="opt-warning" data-testid="opt-unreachable">
          {t('opt_unreachable')} {pct(r.shareReachable, 2)} · {t('opt_aimAt')}
        </p>
      ) : null}
      {closeGap && count === 0 && r.areaKm2 > 0 ? <p>{t('opt_alreadyMet')}</p> : null}
      <dl className="opt-facts">
        <dt>{t('opt_newSites')}</dt>
        <dd data-testid="opt-count">{num(count)}</dd>
        <dt>{t('opt_ground')}</dt>
        <dd>{t('ground_land')}</dd>
        <dt>{t('opt_shareBefore')}</dt>
        <dd>{pct(r.shareBefore, 2)}</dd>
        <dt>{t('opt_shareAfter')}</dt>
        <dd>
          {pct(r.shareAfter, 2)}{' '}
          <span className="muted">
            ({t('opt_recheck')} {pct(r.recheckShare, 2)})
          </span>
        </dd>
        <dt>{t('opt_ran')}</dt>
        <dd data-testid="opt-solver-used">
          {t(`opt_ran_${r.solver}`)}
          {r.solver === 'exact' || r.exact ? (
            <span className="muted">
              {' '}
              · {t('opt_heuristicFound')} {num(r.heuristic.sites)}
            </span>
          ) : null}
        </dd>
        <dt>{t('opt_optimality')}</dt>
        <dd data-testid="opt-bound">{boundText}</dd>
      </dl>
      {r.exactSkipped === 'too-large' ? <p className="muted">{t('opt_exactTooLarge')}</p> : null}
      {r.exact?.status === 'time-limit' ? <p className="muted">{t('opt_exactTimeLimit')}</p> : null}
      <p className="muted">
        {num(r.instance.candidates)} {t('opt_candidatesUsed')}
        {r.instance.rejected.length > 0 ? ` · ${num(r.instance.rejected.length)} ${t('opt_rejected')}` : ''}
      </p>
      {file && r.instance.rejected.length > 0 ? (
        <ul className="rejected-rows">
          {r.instance.rejected.slice(0, 10).map((x, i) => (
            <li key={i}>
              {t('row')} {file.rows[x.index] ?? x.index + 1}: {t(`opt_reason_${x.reason}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {count > 0 ? (
        <>
          <table className="opt-sites" data-testid="opt-sites">
            <thead>
              <tr>
                <th />
                <th>{t('opt_proposed')}</th>
                <th>{t('opt_gain')} km²</th>
                <th>{t('opt_gain')}</th>
              </tr>
            </thead>
            <tbody>
              {r.sites.map((s, i) => (
                <tr key={i} data-testid={`opt-site-${i + 1}`} className={accepted.has(i) ? 'accepted' : ''}>
                  <td>
                    <input type="checkbox" data-testid={`opt-check-${i + 1}`} disabled={accepted.has(i)} checked={accepted.has(i) || selected.has(i)} onChange={() => onToggle(i)} />
                  </td>
                  <td>
                    <span className="opt-dot" style={{ background: `rgb(${PROPOSED_RGB.join(',')})` }} /> {i + 1}
                  </td>
                  <td>{num(s.gainKm2, 2)}</td>
                  <td>
                    {num(s.gainShare * 100, 2)} {t('opt_points')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="opt-accept">
            <label>
              {t('opt_acceptAs')}
              <select data-testid="opt-accept-status" value={status} onChange={(e) => onStatus(e.target.value as 'candidate' | 'planned')}>
                <option value="candidate">{t('status_candidate')}</option>
                <option value="planned">{t('status_planned')}</option>
              </select>
            </label>
            <button type="button" data-testid="opt-accept-selected" disabled={open.filter((i) => selected.has(i)).length === 0} onClick={() => onAccept(open.filter((i) => selected.has(i)))}>
              {t('opt_acceptSelected')}
            </button>
            <button type="button" data-testid="opt-accept-all" disabled={open.length === 0} onClick={() => onAccept(open)}>
              {t('opt_acceptAll')}
            </button>
          </div>
          {accepted.size > 0 ? (
            <p className="muted" data-testid="opt-accepted">
              {num(accepted.size)} {t('opt_accepted')}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
