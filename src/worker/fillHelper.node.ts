/**
 * A helper thread of the distance field's full recompute under Node (worker_threads; see
 * src/coverage/fillPool.ts and nodeFillPool.ts): fills strips of each recompute posted to it, and
 * counts regions of each breakdown (src/coverage/breakdownPool.ts).
 */
import { parentPort } from 'node:worker_threads';
import { helperFill, type FillMessage } from '../coverage/fillPool';
import { StripFiller } from '../coverage/stripFill';
import { helperBreakdown, type BreakdownMessage } from '../coverage/breakdownPool';

const filler = new StripFiller();
parentPort!.on('message', (m: FillMessage | BreakdownMessage) => (m.kind === 'breakdown' ? helperBreakdown(m) : helperFill(m, filler)));
parentPort!.postMessage('ready');
