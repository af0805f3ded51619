/**
 * The build's identity (vite.buildId.ts: a hash of the sources it was built from), or null where
 * there is none — the dev server, the unit tests — and then nothing is kept under it.
 */
declare const __APP_BUILD_ID__: string | null | undefined;

export const APP_BUILD_ID: string | null = typeof __APP_BUILD_ID__ === 'string' ? __APP_BUILD_ID__ : null;
