/**
 * Messages between the UI and the checker worker. The worker holds the scope polygons (clipping
 * districts by the Outer Ring takes most of a second on real data), so the UI never blocks on it.
 */
import type { TargetCheck } from '../domain/checker';
import type { Site } from '../domain/site';
import type { ScopeSources } from '../domain/scopes';

export type CheckerRequest =
  | { kind: 'init'; sources: ScopeSources }
  | { kind: 'evaluate'; requestId: number; sites: Site[]; assumptions: Record<string, number> };

export type CheckerResponse =
  | { kind: 'results'; requestId: number; results: TargetCheck[]; millis: number }
  | { kind: 'error'; requestId: number; message: string };
