/**
 * The tile archive kept in the browser's origin-private file system (OPFS), so it opens again
 * after a reload without being picked again: one archive at a time, copied there by streaming
 * (file.stream() into the OPFS file, a chunk at a time: a multi-GB archive is never held in
 * memory), read back as a File (which the map reads by slices). Its name, opacity and whether it
 * shows are kept in localStorage, read back through zod.
 */
import { z } from 'zod';
import { safeStorage } from './safeStorage';

const DIR = 'tile-archive';
const FILE = 'archive.pmtiles';
const SETTING_KEY = 'shanghai-siting:tile-archive';

export type KeepProblem = 'unavailable' | 'full' | 'failed';

const settingSchema = z.object({ name: z.string().min(1).max(500), opacity: z.number().min(0).max(1), visible: z.boolean() });
export type ArchiveSetting = z.infer<typeof settingSchema>;

async function directory(create: boolean): Promise<FileSystemDirectoryHandle | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return null;
  const root = await navigator.storage.getDirectory();
  try {
    return await root.getDirectoryHandle(DIR, { create });
  } catch (e) {
    if (!create && e instanceof DOMException && e.name === 'NotFoundError') return null;
    throw e;
  }
}

const isQuota = (e: unknown) => e instanceof DOMException && (e.name === 'QuotaExceededError' || /quota/i.test(e.message));

/** Copies `file` into OPFS (replacing the kept one); null when kept, else why not. Nothing half-written is left. */
export async function keepArchive(file: Blob): Promise<KeepProblem | null> {
  let dir: FileSystemDirectoryHandle | null;
  try {
    dir = await directory(true);
  } catch {
    return 'unavailable';
  }
  if (!dir) return 'unavailable';
  // Refused before writing when the browser says it will not fit (the old copy's room counts as free).
  const est = await navigator.storage.estimate?.().catch(() => null);
  const old = await dir.getFileHandle(FILE).then((h) => h.getFile().then((f) => f.size), () => 0);
  if (est?.quota !== undefined && est.usage !== undefined && file.size > est.quota - est.usage + old) return 'full';
  try {
    const handle = await dir.getFileHandle(FILE, { create: true });
    if (typeof handle.createWritable !== 'function') return 'unavailable';
    const writable = await handle.createWritable();
    await file.stream().pipeTo(writable);
    return null;
  } catch (e) {
    await dir.removeEntry(FILE).catch(() => {});
    return isQuota(e) ? 'full' : 'failed';
  }
}

/** The kept archive, or null (none, or no OPFS). */
export async function keptArchive(): Promise<File | null> {
  try {
    const dir = await directory(false);
    return dir ? await (await dir.getFileHandle(FILE)).getFile() : null;
  } catch {
    return null;
  }
}

/** Removes the kept archive and its setting. */
export async function forgetArchive(storage: Storage | null = safeStorage()): Promise<void> {
  storage?.removeItem(SETTING_KEY);
  try {
    const dir = await directory(false);
    await dir?.removeEntry(FILE);
  } catch {
    // Nothing kept.
  }
}

export function readArchiveSetting(storage: Storage | null = safeStorage()): ArchiveSetting | null {
  try {
    const parsed = settingSchema.safeParse(JSON.parse(storage?.getItem(SETTING_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeArchiveSetting(setting: ArchiveSetting, storage: Storage | null = safeStorage()): void {
  try {
    storage?.setItem(SETTING_KEY, JSON.stringify(setting));
  } catch {
    // Full or blocked: the archive still shows; its look resets on reload.
  }
}
