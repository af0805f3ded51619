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

const targets = allTargets(BUNDLED_PLANS);
let scopes: ScopeIndex | null = null;

function reply(message: CheckerResponse) {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);
}

self.onmessage = (event: MessageEvent<CheckerRequest>) => {
  const message = event.data;
  if (message.kind === 'init') {
    scopes = createScopeIndex(message.sources);
    return;
  }
  if (!scopes) {
    reply({ kind: 'error', requestId: message.requestId, message: 'checker not initialised' });
    return;
  }
  try {
    const t0 = performance.now();
    const results = evaluateTargets(targets, message.sites, scopes, { assumptions: message.assumptions });
    reply({ kind: 'results', requestId: message.requestId, results, millis: performance.now() - t0 });
  } catch (e) {
    reply({ kind: 'error', requestId: message.requestId, message: (e as Error).message });
  }
};
