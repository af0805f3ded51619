/**
 * The siting optimiser's panel: settings and an optional candidate file in, a run in its worker,
 * then the report and the proposals to accept into the scenario. This module holds what the parts
 * share — the settings, the chosen new-site type, accepting — and lays them out.
 */
import { useMemo, useState } from 'react';
import type { AssumptionValues } from '../../domain/assumptions';
import { resolveViewRule, type CoverageView } from '../../domain/coverageViews';
import { targetFacilities, type Plan } from '../../domain/plan';
import type { Site } from '../../domain/site';
import type { Geodata } from '../../io/loadGeodata';
import { populationInUse } from '../../domain/population';
import { proposedToSites } from '../../optimize/acceptProposed';
import { useT } from '../i18n';
import { viewLabel } from '../coverage/viewLabel';
import { useAppStore } from '../state/appStore';
import { CandidateFileField, useCandidateFile } from './CandidateFileField';
import { DEFAULT_SETTINGS, groundLoaded, optimizeInput, type OptimizerSettings } from './optimizeInput';
import { acceptedOf } from './proposals';
import type { AcceptStatus } from './ProposalList';
import { ResultView } from './ResultView';
import { NetworkProposalLine } from '../network/NetworkProposalLine';
import { RunControls } from './RunControls';
import { SettingsForm } from './SettingsForm';
import { StagingView } from './StagingView';
import { optimizerStrings } from './strings';
import { useOptimizer } from './useOptimizer';
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

export function OptimizerPanel(props: Props) {
  const { data } = props;
  const optimizer = useOptimizer();
  const { t, num, lang } = useT(optimizerStrings);
  const view = props.views.find((v) => v.id === props.viewId) ?? null;
  const rule = view ? resolveViewRule(view, props.assumptions) : null;
  const [settings, setSettings] = useState<OptimizerSettings>(DEFAULT_SETTINGS);
  const candidates = useCandidateFile();
  const [status, setStatus] = useState<AcceptStatus>('candidate');
  // Which proposals are picked, and which accepted (by list index → the id of the site made from it):
  // in the app's store, where the map reads them to draw the proposals still on offer. A proposal
  // counts as accepted while that site is in the scenario: an undo offers it again.
  const { selected, acceptedIds } = useAppStore((s) => s.proposals);
  const toggleProposal = useAppStore((s) => s.toggleProposal);
  const markAccepted = useAppStore((s) => s.markAccepted);
  const accepted = useMemo(() => acceptedOf(acceptedIds, props.sites), [acceptedIds, props.sites]);
  // The type chosen, while the layer counts it; else the layer's primary type.
  const newType = settings.type && view?.facilities.includes(settings.type) ? settings.type : (view?.primary ?? null);
  const populationFile = useAppStore((s) => s.population.input);
  const { state } = optimizer;
  const result = state.status === 'done' ? state.result : null;
  const asOf = useAppStore((s) => s.asOf);
  // The run district's count targets of the layer's types: the staging table names those met each year.
  const runDistrict = state.input?.district.id ?? null;
  const countTargets = useMemo(() => {
    const types = new Set<string>(view?.facilities ?? []);
    return props.plans.flatMap((p) => p.targets).filter((t) => t.district === runDistrict && t.metric === 'count' && targetFacilities(t).some((f) => types.has(f)));
  }, [props.plans, runDistrict, view]);
  // Staging starts at the as-of year, else at the period of the district's plan.
  const stageStart = asOf ?? props.plans.find((p) => p.district === settings.district)?.period.start ?? new Date().getFullYear();
  const canRun = !!(view && rule && groundLoaded(data, settings.district)) && state.status !== 'running';

  const run = () => {
    if (!view || !rule) return;
    // The residents the coverage worker spreads: the optimizer's worker spreads the same input on its scope grid.
    const population = settings.objective === 'residents' ? populationInUse(populationFile, data?.population) : null;
    const input = optimizeInput(settings, view.facilities, rule, data, props.sites, candidates.file?.points ?? null, population);
    if (input) optimizer.run(input);
  };

  /** Accepts the proposals at these list indices; staged ones with their year. */
  const accept = (which: number[], yearOf?: ReadonlyMap<number, number>) => {
    if (!result || !newType) return;
    const picked = which.filter((i) => !accepted.has(i)).map((i) => ({ ...result.sites[i]!, n: i + 1, year: yearOf?.get(i) }));
    if (picked.length === 0) return;
    const added = proposedToSites(props.sites, picked, { type: newType, status, nameWord: t('opt_proposed') });
    props.onAccept(added);
    markAccepted(picked.map((p, k) => [p.n - 1, added[k]!.id] as const));
  };

  const pct = (share: number, digits = 1) => `${num(share * 100, digits)}%`;

  return (
    <section className="panel opt-panel" data-testid="opt-panel">
      <h2>{t('opt_title')}</h2>
      {view ? <p className="muted">{viewLabel(lang, view, rule)} · {t('opt_layerNote')}</p> : null}
      {view && !rule ? <p className="opt-warning">{t('opt_noRule')}</p> : null}
      <SettingsForm
        settings={settings}
        onChange={(patch) => setSettings((s) => ({ ...s, ...patch }))}
        plans={props.plans}
        facilities={view?.facilities ?? []}
        newType={newType}
        fileChosen={candidates.file !== null}
      />
      <CandidateFileField candidates={candidates} defaultType={newType ?? 'ev-charging-pile'} />
      <RunControls optimizer={optimizer} canRun={canRun} onRun={run} />
      {result ? (
        <ResultView
          result={result}
          file={candidates.file}
          selected={selected}
          accepted={accepted}
          onToggle={toggleProposal}
          status={status}
          onStatus={setStatus}
          onAccept={accept}
          pct={pct}
        />
      ) : null}
      {result ? <NetworkProposalLine sites={result.sites} adcode={settings.district} /> : null}
      {result && state.input && result.sites.length > 0 ? (
        <StagingView
          result={result}
          input={state.input}
          defaultStart={stageStart}
          accepted={accepted}
          onAccept={(staged) => accept(staged.map((s) => s.i), new Map(staged.map((s) => [s.i, s.year])))}
          pct={pct}
          countTargets={countTargets}
          assumptions={props.assumptions}
        />
      ) : null}
    </section>
  );
}
