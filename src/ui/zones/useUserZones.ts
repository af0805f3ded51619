/**
 * The user's key-zone boundaries: read from the browser at start (src/io/userZoneStore.ts) into the
 * store, where the App puts them into the zones every figure uses (zonesInUse); a file imported
 * (src/io/zoneFile.ts: all its boundaries or none), a boundary drawn (ZoneDrawer), or one reverted
 * to the shipped polygon — each kept first and then published, so what is shown is what a reload shows.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Geodata } from '../../io/loadGeodata';
import type { Crs } from '../../io/crs';
import { createReference, type Reference } from '../../io/offsetDetection';
import { readZoneFile, type ZoneTarget } from '../../io/zoneFile';
import { readUserZones, removeUserZone, saveUserZones } from '../../io/userZoneStore';
import { DRAWN_SOURCE, zoneGeometryProblems, type UserZone, type ZoneGeometry } from '../../domain/userZones';
import { useAppStore } from '../state/appStore';

export interface UserZonesControl {
  busy: boolean;
  /** Why the last file, drawing or kept record was refused: the file, and each problem. */
  error: { file: string; problems: string[] } | null;
  /** What the last import did, and an offset warning. */
  note: { file: string; ids: string[]; offset: { likely: Crs; crs: Crs } | null } | null;
  importFile: (file: File, crs: Crs | null) => Promise<void>;
  saveDrawn: (id: string, geometry: ZoneGeometry) => Promise<boolean>;
  revert: (id: string) => Promise<void>;
}

export function useUserZones(data: Geodata | null): UserZonesControl {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserZonesControl['error']>(null);
  const [note, setNote] = useState<UserZonesControl['note']>(null);
  const setUserZones = useAppStore((s) => s.setUserZones);
  const targets: ZoneTarget[] = useMemo(
    () => (data?.zones?.features ?? []).map((f) => ({ id: f.properties.id, name: f.properties.name, name_en: f.properties.name_en, geometry: f.geometry })),
    [data],
  );
  // Built when a zone file is first read (≈ 0.1 s of the page's start otherwise), once per data set.
  const reference = useMemo(() => {
    let built: Reference | undefined;
    return () => (built ??= data ? createReference(data) : undefined);
  }, [data]);
  const current = () => useAppStore.getState().userZones ?? new Map<string, UserZone>();

  useEffect(() => {
    if (!data) return;
    let cancelled = false;
    void readUserZones()
      .then(({ zones, damaged }) => {
        if (cancelled) return;
        // A kept boundary for a zone no longer shipped is left out (and said).
        const known = new Set(targets.map((t) => t.id));
        const gone = zones.filter((z) => !known.has(z.id)).map((z) => `the kept boundary of ${z.id}: no such zone is shipped now`);
        if (damaged.length + gone.length > 0) setError({ file: 'IndexedDB shanghai-user-zones', problems: [...damaged, ...gone] });
        setUserZones(new Map(zones.filter((z) => known.has(z.id)).map((z) => [z.id, z])));
      })
      .catch((e: Error) => {
        if (cancelled) return;
        setError({ file: 'IndexedDB shanghai-user-zones', problems: [e.message] });
        setUserZones(new Map());
      });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data === null]);

  const keep = async (zones: UserZone[]) => {
    await saveUserZones(zones);
    const next = new Map(current());
    for (const z of zones) next.set(z.id, z);
    setUserZones(next);
  };

  return {
    busy,
    error,
    note,
    importFile: async (file, crs) => {
      setBusy(true);
      try {
        const bytes = await file.arrayBuffer();
        const ref = reference();
        const result = readZoneFile(bytes, file.name, targets, { ...(crs ? { crs } : {}), ...(ref ? { reference: ref } : {}) });
        if (result.problems.length > 0) {
          setError({ file: file.name, problems: result.problems });
          return;
        }
        const savedAt = new Date().toISOString();
        await keep(result.boundaries.map((b) => ({ id: b.id, geometry: b.geometry, source: file.name, savedAt })));
        setError(null);
        const likely = result.offset?.likely ?? null;
        setNote({ file: file.name, ids: result.boundaries.map((b) => b.id), offset: likely && likely !== result.crs ? { likely, crs: result.crs } : null });
      } catch (e) {
        setError({ file: file.name, problems: [(e as Error).message] });
      } finally {
        setBusy(false);
      }
    },
    saveDrawn: async (id, geometry) => {
      const shipped = targets.find((t) => t.id === id)?.geometry;
      const problems = zoneGeometryProblems(geometry, shipped);
      if (problems.length > 0) {
        setError({ file: DRAWN_SOURCE, problems: problems.map((p) => `${id}: ${p}`) });
        return false;
      }
      setBusy(true);
      try {
        await keep([{ id, geometry, source: DRAWN_SOURCE, savedAt: new Date().toISOString() }]);
        setError(null);
        return true;
      } catch (e) {
        setError({ file: DRAWN_SOURCE, problems: [(e as Error).message] });
        return false;
      } finally {
        setBusy(false);
      }
    },
    revert: async (id) => {
      setBusy(true);
      try {
        await removeUserZone(id);
        const next = new Map(current());
        next.delete(id);
        setUserZones(next);
        setError(null);
      } catch (e) {
        setError({ file: id, problems: [(e as Error).message] });
      } finally {
        setBusy(false);
      }
    },
  };
}
