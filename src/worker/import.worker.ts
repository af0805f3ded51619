/// <reference lib="webworker" />
/**
 * The import worker: bytes → text (UTF-8 or GB18030) → sites, rejected rows and warnings → the
 * outline and coordinate-system checks, with progress messages on the way. One request at a time;
 * the dialog ignores answers to requests it has replaced.
 */
import { createReference, reviewImport, type Reference } from '../io/offsetDetection';
import { parseSiteFileBytes } from '../io/siteFile';
import type { ImportRequest, ImportResponse } from './importProtocol';

declare const self: DedicatedWorkerGlobalScope;

let reference: Reference | null = null;

const post = (message: ImportResponse) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
  const request = event.data;
  if (request.kind === 'reference') {
    reference = createReference(request.data);
    return;
  }
  const { id, file, fileName, idPrefix, choices } = request;
  try {
    post({ kind: 'progress', id, phase: 'reading', fraction: 0 });
    const bytes = new Uint8Array(await file.arrayBuffer());
    let last = -1;
    const parsed = parseSiteFileBytes(bytes, {
      fileName,
      idPrefix,
      ...choices,
      onProgress: (fraction) => {
        // A message per percent at most: enough for a smooth bar, cheap for the UI.
        const pct = Math.floor(fraction * 100);
        if (pct === last) return;
        last = pct;
        post({ kind: 'progress', id, phase: 'parsing', fraction });
      },
    });
    post({ kind: 'progress', id, phase: 'checking', fraction: 1 });
    const offset = reference ? reviewImport(parsed, reference) : null;
    post({ kind: 'done', id, result: { ...parsed, fileName, bytes: bytes.byteLength, offset } });
  } catch (e) {
    // The parser never throws; this is the file read failing (the file was moved or deleted).
    post({ kind: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  }
};
