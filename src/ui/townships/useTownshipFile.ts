/**
 * The townships the app uses: the shipped polygons (8 districts) joined or replaced by the user's
 * file, as the CLI's `--townships` does (src/domain/townships.ts mergeTownships). The user's file is
 * kept as given in the browser (src/io/layerStore.ts, kind 'townships') and read again at start; the
 * merged set goes to the store, where the coverage worker, the map and the township table read it.
 */
import { useEffect, useRef, useState } from 'react';
import type { Geodata } from '../../io/loadGeodata';
import { readLayerFile, removeLayerFile, saveLayerFile } from '../../io/layerStore';
import { importEffect, mergeTownships } from '../../domain/townships';
import type { UserTownship } from '../../io/townshipFile';
import { useAppStore } from '../state/appStore';
import { readTownshipsInWorker } from './townshipFileClient';

export interface ImportedTownships {
  fileName: string;
  townships: UserTownship[];
  joined: number;
  replaced: number;
  /** Adcodes of the districts the file covers. */
  districts: string[];
}

export interface TownshipFileControl {
  imported: ImportedTownships | null;
  /** Why the last file (chosen or kept) was refused: its first reason, and every feature's problem. */
  error: { message: string; problems: string[] } | null;
  busy: boolean;
  importFile: (file: File) => Promise<void>;
  remove: () => Promise<void>;
}

export function useTownshipFile(data: Geodata | null): TownshipFileControl {
  const [imported, setImported] = useState<ImportedTownships | null>(null);
  const [error, setError] = useState<TownshipFileControl['error']>(null);
  const [busy, setBusy] = useState(false);
  /** The kept file has been looked for (and read, if there was one): the set can be published. */
  const [settled, setSettled] = useState(false);
  const setTownships = useAppStore((s) => s.setTownships);
  const dataRef = useRef(data);
  dataRef.current = data;

  const read = async (file: Blob, fileName: string): Promise<ImportedTownships | null> => {
    const codes = dataRef.current?.townshipCodes;
    if (!codes) {
      setError({ message: 'township-codes.csv did not load: township files cannot be matched', problems: [] });
      return null;
    }
    const result = await readTownshipsInWorker(file, fileName, codes);
    if (!result.ok) {
      setError({ message: result.error, problems: result.problems });
      return null;
    }
    setError(null);
    return { fileName, townships: result.townships, ...importEffect(dataRef.current?.townships?.features ?? [], result.townships) };
  };

  // At start (once the list to match against is there): the kept file, read again with today's reader.
  const hasCodes = data?.townshipCodes !== undefined;
  useEffect(() => {
    if (!data) return;
    let cancelled = false;
    void (async () => {
      try {
        const kept = hasCodes ? await readLayerFile('townships') : null;
        if (kept && !cancelled) {
          const got = await read(new Blob([kept.bytes]), kept.name);
          if (!cancelled) setImported(got);
        }
      } catch (e) {
        if (!cancelled) setError({ message: (e as Error).message, problems: [] });
      } finally {
        if (!cancelled) setSettled(true);
      }
    })();
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data === null, hasCodes]);

  useEffect(() => {
    if (!data || !settled) return;
    setTownships(mergeTownships(data.townships?.features ?? [], imported?.townships ?? []));
  }, [data, settled, imported, setTownships]);

  return {
    imported,
    error,
    busy,
    importFile: async (file) => {
      setBusy(true);
      try {
        const got = await read(file, file.name);
        if (!got) return;
        await saveLayerFile({ kind: 'townships', name: file.name, bytes: await file.arrayBuffer(), savedAt: new Date().toISOString(), options: {} });
        setImported(got);
      } catch (e) {
        setError({ message: (e as Error).message, problems: [] });
      } finally {
        setBusy(false);
      }
    },
    remove: async () => {
      setBusy(true);
      try {
        await removeLayerFile('townships');
        setImported(null);
        setError(null);
      } catch (e) {
        setError({ message: (e as Error).message, problems: [] });
      } finally {
        setBusy(false);
      }
    },
  };
}
