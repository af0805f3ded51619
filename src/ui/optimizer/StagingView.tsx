/**
 * Staging a run's proposals by year (issue #18): a start year and sites per year in, the order from
 * src/optimize/staging.ts (run in a worker) out as a table per year — the sites built, what they add,
 * the cumulative share re-measured, whether the run's target is met — and "add to the scenario with
 * years", which gives each proposal its staged year so the as-of control and the timeline show it.
 */
import { useState } from 'react';
import type { OptimizeInput, OptimizeResult } from '../../optimize/optimizer';
import { stagingProblem, type Staging, type StagingProblem } from '../../optimize/staging';
import { SITE_YEAR } from '../../domain/siteYear';
import type { Target } from '../../domain/plan';
import type { AssumptionValues } from '../../domain/assumptions';
import { facilityLabel, goalText } from '../scorecard/describeTarget';
import { useAppStore } from '../state/appStore';
import { useT, type Translator } from '../i18n';
import { optimizerStrings } from './strings';
import { stagingPlanFrom } from './stagingPlan';
import { stageInWorker } from './useOptimizer';

interface Props {
  result: OptimizeResult;
  input: OptimizeInput;
  /** The as-of year, else the plan period's start. */
  defaultStart: number;
  /** Proposals already in the scenario (list index). */
  accepted: ReadonlySet<number>;
  /** Adds the proposals at these list indices, each with its year. */
  onAccept: (which: ReadonlyArray<{ i: number; year: number }>) => void;
  pct: (share: number, digits?: number) => string;
  /** The district's count targets of the layer's types: once the staged sites are in, the scorecard's timeline says which each year meets. */
  countTargets: readonly Target[];
  assumptions: AssumptionValues;
}

function problemText(t: Translator<keyof typeof optimizerStrings.zh>['t'], p: StagingProblem, startText: string, parts: string[]): string {
  switch (p.kind) {
    case 'start-year':
      return t('opt_stageBadStart', { min: SITE_YEAR.min, max: SITE_YEAR.max, value: startText });
    case 'budget':
      return p.index === null || parts.length <= 1 ? t('opt_stageBadBudget', { value: parts.join(', ') }) : t('opt_stageBadBudgetAt', { n: p.index + 1, value: parts[p.index] ?? '' });
    case 'too-many-years':
      return t('opt_stageTooManyYears', { year: p.lastYear, max: SITE_YEAR.max });
  }
}

/** With the residents objective, the land share under the residents share. */
function LandShare({ label, share }: { label: string; share: string }) {
  return (
    <div className="muted">
      {label} {share}
    </div>
  );
}

/** A year's met count targets: how many, named (or "outside the plan period"). */
function MetTargets({ met, names, outside }: { met: Target[] | null; names: (t: Target) => string; outside: string }) {
  if (met === null) return <td className="muted">{outside}</td>;
  return (
    <td data-testid="opt-stage-met" data-met={met.map((m) => m.id).join(',')} title={met.map(names).join('\n')}>
      {met.length}
      {met.length > 0 ? <div className="muted">{met.map(names).join('；')}</div> : null}
    </td>
  );
}

export function StagingView({ result, input, defaultStart, accepted, onAccept, pct, countTargets, assumptions }: Props) {
  const { t, num, lang } = useT(optimizerStrings);
  // The coverage worker's year-by-year values (the as-of machinery), once the staged sites are in the scenario.
  const timeline = useAppStore((s) => s.coverage.timeline);
  const [startText, setStartText] = useState(String(defaultStart));
  const [perYearText, setPerYearText] = useState('2');
  // The staging belongs to the result it was made for: a new run shows none.
  const [run, setRun] = useState<{ of: OptimizeResult; staging: Staging | null; error: string | null } | null>(null);
  const current = run?.of === result ? run : null;
  const staging = current?.staging ?? null;
  const { plan, parts } = stagingPlanFrom(startText, perYearText);
  const problem = stagingProblem(plan, result.sites.length);
  const running = current !== null && current.staging === null && current.error === null;
  const byResidents = staging?.objective === 'residents';
  const people = (share: number) => (staging?.residentsTotal ? ` (${num(Math.round(share * staging.residentsTotal))} ${t('opt_residentsUnit')})` : '');

  const stage = () => {
    if (problem) return;
    setRun({ of: result, staging: null, error: null });
    stageInWorker(input, result.sites, plan).then(
      (s) => setRun((r) => (r?.of === result ? { of: result, staging: s, error: null } : r)),
      (e: unknown) => setRun((r) => (r?.of === result ? { of: result, staging: null, error: e instanceof Error ? e.message : String(e) } : r)),
    );
  };
  const open = staging ? staging.years.flatMap((y) => y.sites.filter((s) => !accepted.has(s.index)).map((s) => ({ i: s.index, year: y.year }))) : [];
  const addedAll = staging !== null && open.length === 0;
  const showTargets = addedAll && timeline !== null && countTargets.length > 0;
  /** The count targets met at the end of `year` (null: the year lies outside the plan period). */
  const metIn = (year: number) => {
    const points = countTargets.map((target) => ({ target, point: timeline?.get(target.id)?.points.find((p) => p.year === year) }));
    if (points.every((p) => p.point === undefined)) return null;
    return points.filter((p) => p.point?.status === 'met').map((p) => p.target);
  };
  const targetName = (target: Target) => `${facilityLabel(target, lang)} ${goalText(target, lang, assumptions)} (${target.deadline})`;

  return (
    <div className="opt-staging" data-testid="opt-staging">
      <h3>{t('opt_stageTitle')}</h3>
      <p className="muted">{t('opt_stageNote')}</p>
      <div className="opt-stage-fields">
        <label>
          {t('opt_stageStart')}{' '}
          <input type="number" data-testid="opt-stage-start" min={SITE_YEAR.min} max={SITE_YEAR.max} step={1} value={startText} onChange={(e) => setStartText(e.target.value)} />
        </label>
        <label title={t('opt_stagePerYearHelp')}>
          {t('opt_stagePerYear')}{' '}
          <input type="text" data-testid="opt-stage-per-year" size={6} value={perYearText} onChange={(e) => setPerYearText(e.target.value)} />
        </label>
        <button type="button" data-testid="opt-stage-run" disabled={problem !== null || running} onClick={stage}>
          {running ? t('opt_stageRunning') : t('opt_stageRun')}
        </button>
      </div>
      <p className="muted">{t('opt_stagePerYearHelp')}</p>
      {problem ? (
        <p className="opt-warning" role="alert" data-testid="opt-stage-problem">
          {problemText(t, problem, startText, parts)}
        </p>
      ) : null}
      {current?.error ? (
        <p className="error" role="alert">
          {t('opt_stageError')}: {current.error}
        </p>
      ) : null}
      {staging ? (
        <>
          <div className="opt-stage-scroll">
            <table className="opt-sites opt-stage-table" data-testid="opt-stage-table" data-objective={staging.objective}>
              <thead>
                <tr>
                  <th>{t('opt_stageYear')}</th>
                  <th>{t('opt_stageSites')}</th>
                  {byResidents ? <th>{t('opt_stageAddedResidents')}</th> : null}
                  <th>{t('opt_stageAddedLand')}</th>
                  <th>{t(byResidents ? 'opt_stageShareResidents' : 'opt_stageShare')}</th>
                  {staging.targetShare !== null ? <th>{t('opt_stageTarget', { target: pct(staging.targetShare, 0) })}</th> : null}
                  {showTargets ? <th>{t('opt_stageCountTargets', { n: countTargets.length })}</th> : null}
                </tr>
              </thead>
              <tbody>
                <tr className="muted" data-testid="opt-stage-before" data-share={staging.shareBefore.toFixed(6)}>
                  <td />
                  <td>{t('opt_stageBefore', { year: staging.startYear })}</td>
                  {byResidents ? <td /> : null}
                  <td />
                  <td>
                    {pct(staging.shareBefore, 2)}
                    {people(staging.shareBefore)}
                    {byResidents ? <LandShare label={t('opt_stageLandShare')} share={pct(staging.landShareBefore, 2)} /> : null}
                  </td>
                  {staging.targetShare !== null ? <td>{staging.shareBefore >= staging.targetShare - 1e-12 ? t('opt_stageMet') : t('opt_stageNotMet')}</td> : null}
                  {showTargets ? <td /> : null}
                </tr>
                {staging.years.map((y) => (
                  <tr
                    key={y.year}
                    data-testid={`opt-stage-year-${y.year}`}
                    data-sites={y.sites.map((s) => s.index + 1).join(',')}
                    data-share={y.share.toFixed(6)}
                    data-land-share={y.landShare.toFixed(6)}
                  >
                    <td>{y.year}</td>
                    <td>
                      {y.sites.map((s) => s.index + 1).join(', ')}
                      {y.existingBuilt > 0 ? <span className="muted"> · {t('opt_stageExistingBuilt', { n: y.existingBuilt })}</span> : null}
                    </td>
                    {byResidents ? <td>{num(Math.round(y.addedResidents ?? 0))}</td> : null}
                    <td>{num(y.addedKm2, 2)}</td>
                    <td>
                      {pct(y.share, 2)}
                      {people(y.share)}
                      {byResidents ? <LandShare label={t('opt_stageLandShare')} share={pct(y.landShare, 2)} /> : null}
                    </td>
                    {y.meetsTarget !== null ? <td className={y.meetsTarget ? 'met' : ''}>{y.meetsTarget ? t('opt_stageMet') : t('opt_stageNotMet')}</td> : null}
                    {showTargets ? <MetTargets met={metIn(y.year)} names={targetName} outside={t('opt_stageOutsidePeriod')} /> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="opt-accept">
            <button type="button" data-testid="opt-stage-add" disabled={open.length === 0} onClick={() => onAccept(open)}>
              {t('opt_stageAdd')}
            </button>
          </div>
          {addedAll ? (
            <p className="muted" data-testid="opt-stage-added">
              {t('opt_stageAdded')}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
