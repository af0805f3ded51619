/** What this origin stores in the browser and may store (the browser's estimate), for the panel's storage line. */
import { useCallback, useState } from 'react';

/** The browser's estimate of what this origin stores and may store, in bytes. */
export interface StorageUse {
  usage: number;
  quota: number;
}

/** Above this share of the quota the panel warns (a save may soon be refused). */
export const STORAGE_WARN_SHARE = 0.8;

/** The last estimate (null: the browser does not say), and how to take a new one (after a save). */
export function useStorageUse(): [StorageUse | null, () => Promise<void>] {
  const [storage, setStorage] = useState<StorageUse | null>(null);
  const measure = useCallback(async () => {
    const estimate = await navigator.storage?.estimate?.().catch(() => null);
    if (estimate?.usage !== undefined && estimate.quota !== undefined && estimate.quota > 0) setStorage({ usage: estimate.usage, quota: estimate.quota });
  }, []);
  return [storage, measure];
}
