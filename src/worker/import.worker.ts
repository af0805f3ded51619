/// <reference lib="webworker" />
/**
 * The import worker: bytes → text (UTF-8 or GB18030) → sites, rejected rows and warnings → the
 * outline and coordinate-system checks, with progress on the way. One request at a time; the
 * dialog ignores answers to requests it has replaced.
 */
import { expose } from 'comlink';
import { createReference, reviewImport, type Reference } from '../io/offsetDetection';
import { parseSiteFileBytes } from '../io/siteFile';
import type { ImportApi } from './importProtocol';

let reference: Reference | null = null;

const api: ImportApi = {
  setReference(data) {
    reference = createReference(data);
  },
  async parse({ file, fileName, idPrefix, choices }, onProgress) {
    void onProgress('reading', 0);
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
        void onProgress('parsing', fraction);
      },
    });
    void onProgress('checking', 1);
    const offset = reference ? reviewImport(parsed, reference) : null;
    return { ...parsed, fileName, bytes: bytes.byteLength, offset };
  },
};

expose(api);
