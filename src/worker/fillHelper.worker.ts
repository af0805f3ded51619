/// <reference lib="webworker" />
/**
 * A helper thread of the distance field's full recompute in the browser, started by the coverage
 * worker when it may share memory (src/coverage/fillPool.ts): fills strips of each recompute posted
 * to it, then says it is ready.
 */
import { helperFill, type FillMessage } from '../coverage/fillPool';
import { StripFiller } from '../coverage/stripFill';

const filler = new StripFiller();
self.onmessage = (event: MessageEvent<FillMessage>) => helperFill(event.data, filler);
(self as unknown as DedicatedWorkerGlobalScope).postMessage('ready');
