/**
 * A helper thread of the distance field's full recompute under Node (worker_threads; see
 * src/coverage/fillPool.ts and nodeFillPool.ts): fills strips of each recompute posted to it.
 */
import { parentPort } from 'node:worker_threads';
import { helperFill, type FillMessage } from '../coverage/fillPool';
import { StripFiller } from '../coverage/stripFill';

const filler = new StripFiller();
parentPort!.on('message', (m: FillMessage) => helperFill(m, filler));
parentPort!.postMessage('ready');
