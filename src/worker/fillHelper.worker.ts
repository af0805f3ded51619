/// <reference lib="webworker" />
/**
 * A helper thread of the distance field's full recompute in the browser, started by the coverage
 * worker when it may share memory (src/coverage/fillPool.ts): fills strips of each recompute posted
 * to it, and counts regions of each breakdown (src/coverage/breakdownPool.ts), then says it is ready.
 */
import { helperFill, type FillMessage } from '../coverage/fillPool';
import { StripFiller } from '../coverage/stripFill';
import { helperBreakdown, type BreakdownMessage } from '../coverage/breakdownPool';

const filler = new StripFiller();
self.onmessage = (event: MessageEvent<FillMessage | BreakdownMessage>) => {
  const m = event.data;
  if (m.kind === 'breakdown') helperBreakdown(m);
  else helperFill(m, filler);
};
(self as unknown as DedicatedWorkerGlobalScope).postMessage('ready');
