/// <reference lib="webworker" />
/**
 * Runs the plan checker off the main thread. Holds one scope index (with its cached ring clips)
 * for the life of the page; each `evaluate` recomputes every target for the sites given.
 */
import { evaluateTargets } from '../domain/checker';
import { allTargets } from '../domain/plan';
import { BUNDLED_PLANS } from '../domain/bundledPlans';
import { createScopeIndex, type ScopeIndex } from '../domain/scopes';
import type { CheckerRequest, CheckerResponse } from './checkerProtocol';
import { buildGrid } from '../coverage/grid';
import { gridSourcesFrom } from '../coverage/engine';
import { createRadiusEvaluator } from '../coverage/radiusEvaluator';
import type { RadiusEvaluator } from '../domain/checker';

const targets = allTargets(BUNDLED_PLANS);
let scopes: ScopeIndex | null = null;
let radiusEvaluator: RadiusEvaluator | undefined;

function reply(message: CheckerResponse) {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);
}

self.onmessage = (event: MessageEvent<CheckerRequest>) => {
  const message = event.data;
  if (message.kind === 'init') {
    const { districts, zones, outerRing } = message.sources;
    scopes = createScopeIndex(message.sources);
    // The 50 m city grid (built once, ~0.6 s) lets service-radius targets report covered shares.
    radiusEvaluator = createRadiusEvaluator(buildGrid(gridSourcesFrom(districts, zones, outerRing), { cellM: 50 }));
    return;
  }
  if (!scopes) {
    reply({ kind: 'error', requestId: message.requestId, message: 'checker not initialised' });
    return;
  }
  try {
    const t0 = performance.now();
    const results = evaluateTargets(targets, message.sites, scopes, {
      assumptions: message.assumptions,
      radiusEvaluator,
    });
    reply({ kind: 'results', requestId: message.requestId, results, millis: performance.now() - t0 });
  } catch (e) {
    reply({ kind: 'error', requestId: message.requestId, message: (e as Error).message });
  }
};
