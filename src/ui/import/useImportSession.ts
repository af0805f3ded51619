/**
 * One import at a time: the file, the person's choices (coordinate system, columns, swapped fix),
 * the worker that parses it, and what it found. Nothing touches the scenario until `confirm`, which
 * makes it one undoable step; a refused, failed or cancelled import leaves the scenario as it was.
 */
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScenarioMeta } from '../../domain/scenarioFile';
import type { Site } from '../../domain/site';
import type { Geodata } from '../../io/loadGeodata';
import type { ReferenceGeodata } from '../../io/offsetDetection';
import type { ProblemCode, RowProblem } from '../../io/rowProblems';
import { MAX_IMPORT_BYTES, type ImportApi, type ImportChoices, type ImportPhase, type ImportResult } from '../../worker/importProtocol';
import { connectWorker, type WorkerHandle } from '../../worker/workerClient';
import { applyImport, type ImportMode } from './mergeSites';

export type ImportStage =
  | { kind: 'closed' }
  | { kind: 'tooLarge'; fileName: string; bytes: number }
  | { kind: 'working'; fileName: string; phase: ImportPhase; fraction: number }
  | { kind: 'ready'; result: ImportResult }
  | { kind: 'failed'; fileName: string; message: string };

/** What the panel shows after an import: the file, how many sites came in, what was left out. */
export interface ImportReport {
  file: string;
  accepted: number;
  rejected: RowProblem[];
}

/** Warnings that mean "look at this row" (others, like a swapped row read the other way, are notes). */
export const SUSPICIOUS_CODES: ReadonlySet<ProblemCode> = new Set(['outsideCity', 'samePosition']);

export interface ImportSession {
  stage: ImportStage;
  choices: ImportChoices;
  mode: ImportMode;
  setMode: (mode: ImportMode) => void;
  skipSuspicious: boolean;
  setSkipSuspicious: (skip: boolean) => void;
  /** The sites `confirm` would import now. */
  importable: readonly Site[];
  open: (file: File) => void;
  /** Changes choices and reads the file again with them. */
  choose: (patch: Partial<ImportChoices>) => void;
  confirm: () => void;
  cancel: () => void;
  lastReport: ImportReport | null;
}

interface Scenario {
  meta: ScenarioMeta | null;
  sites: readonly Site[];
}

const referenceOf = (data: Geodata): ReferenceGeodata => ({
  municipal: data.municipal,
  metroStations: data.metroStations,
  metroLines: data.metroLines,
  elevatedRoads: data.elevatedRoads,
});

const prefixOf = (fileName: string) => fileName.replace(/\.[^.]*$/, '') || 'file';

export function useImportSession(geodata: Geodata | null, scenario: Scenario, onScenarioChange: (next: Scenario) => void): ImportSession {
  const [stage, setStage] = useState<ImportStage>({ kind: 'closed' });
  const [choices, setChoices] = useState<ImportChoices>({});
  const [mode, setMode] = useState<ImportMode>('add');
  const [skipSuspicious, setSkipSuspicious] = useState(false);
  const [lastReport, setLastReport] = useState<ImportReport | null>(null);
  const workerRef = useRef<WorkerHandle<ImportApi> | null>(null);
  const fileRef = useRef<File | null>(null);
  const requestRef = useRef(0);
  const referenceSent = useRef(false);
  const geodataRef = useRef(geodata);

  const stopWorker = useCallback(() => {
    workerRef.current?.terminate();
    workerRef.current = null;
    referenceSent.current = false;
  }, []);

  const sendReference = useCallback(() => {
    const worker = workerRef.current;
    const data = geodataRef.current;
    if (!worker || !data || referenceSent.current) return;
    void worker.api.setReference(referenceOf(data));
    referenceSent.current = true;
  }, []);

  const workerFor = useCallback((): WorkerHandle<ImportApi> => {
    if (workerRef.current) return workerRef.current;
    workerRef.current = connectWorker<ImportApi>(new Worker(new URL('../../worker/import.worker.ts', import.meta.url), { type: 'module' }), 'import');
    sendReference();
    return workerRef.current;
  }, [sendReference]);

  // The map's data may arrive after the worker started: the next parse then has it.
  useEffect(() => {
    geodataRef.current = geodata;
    if (geodata) sendReference();
  }, [geodata, sendReference]);

  useEffect(() => stopWorker, [stopWorker]);

  const parse = useCallback(
    (file: File, next: ImportChoices) => {
      const id = ++requestRef.current;
      // An answer to a request since replaced (another file, other choices, closed) is dropped.
      const current = () => id === requestRef.current;
      const fileName = file.name;
      setStage({ kind: 'working', fileName, phase: 'reading', fraction: 0 });
      const worker = workerFor();
      const request = { file, fileName, idPrefix: prefixOf(fileName), choices: next };
      worker.callWithProgress(
        (onProgress) => worker.api.parse(request, onProgress),
        (phase: ImportPhase, fraction: number) => current() && setStage({ kind: 'working', fileName, phase, fraction }),
      ).then(
        (result) => current() && setStage({ kind: 'ready', result }),
        (e: unknown) => current() && setStage({ kind: 'failed', fileName, message: e instanceof Error ? e.message : String(e) }),
      );
    },
    [workerFor],
  );

  const open = useCallback(
    (file: File) => {
      requestRef.current++; // whatever was running for the last file no longer counts
      fileRef.current = file;
      setChoices({});
      setSkipSuspicious(false);
      if (file.size > MAX_IMPORT_BYTES) {
        // Refused before a byte is read; the worker (and its memory) is not even started.
        stopWorker();
        setStage({ kind: 'tooLarge', fileName: file.name, bytes: file.size });
        return;
      }
      parse(file, {});
    },
    [parse, stopWorker],
  );

  const choose = useCallback(
    (patch: Partial<ImportChoices>) => {
      const file = fileRef.current;
      if (!file) return;
      const next = { ...choices, ...patch };
      setChoices(next);
      parse(file, next);
    },
    [choices, parse],
  );

  const close = useCallback(() => {
    requestRef.current++;
    fileRef.current = null;
    // A half-read 200,000-row file stops here instead of finishing in the background.
    stopWorker();
    setStage({ kind: 'closed' });
  }, [stopWorker]);

  const result = stage.kind === 'ready' ? stage.result : null;
  const importable = useMemo(() => {
    if (!result || !skipSuspicious) return result?.sites ?? [];
    const skip = new Set(result.warnings.filter((w) => SUSPICIOUS_CODES.has(w.code)).map((w) => w.row));
    return result.sites.filter((_, i) => !skip.has(result.siteRows[i]!));
  }, [result, skipSuspicious]);

  const confirm = useCallback(() => {
    if (!result || importable.length === 0) return;
    const next = applyImport(scenario, importable, mode, prefixOf(result.fileName), result.scenario);
    // A transition: React renders the new list in slices after the click has been answered (with
    // 200,000 sites, one render of everything held the page ~300 ms).
    startTransition(() => onScenarioChange(next));
    setLastReport({ file: result.fileName, accepted: importable.length, rejected: result.rejected });
    close();
  }, [result, importable, onScenarioChange, scenario, mode, close]);

  return { stage, choices, mode, setMode, skipSuspicious, setSkipSuspicious, importable, open, choose, confirm, cancel: close, lastReport };
}
