import { Profiler, type ProfilerOnRenderCallback, type ReactNode } from 'react';

/**
 * React's render counts per panel, for `npm run bench:renders`. Only a build made with
 * `vite build --mode profile` (which also swaps in React's profiling renderer: vite.config.ts) wraps
 * the panels in a `<Profiler>`; in every other build `profiled` hands the element back untouched
 * and this module's recorder is dropped as dead code.
 */
const PROFILE = import.meta.env.MODE === 'profile';

export interface RenderCounts {
  /** Commits in which the panel (any component inside it) rendered, by profiler id. */
  renders: Record<string, number>;
  /** When the last commit that rendered a profiled panel happened (performance.now()). */
  last: number;
}

declare global {
  interface Window {
    __renders?: RenderCounts;
  }
}

const record: ProfilerOnRenderCallback = (id) => {
  const counts = (window.__renders ??= { renders: {}, last: 0 });
  counts.renders[id] = (counts.renders[id] ?? 0) + 1;
  counts.last = performance.now();
};

/**
 * Counts a component's own renders under `id` in a profile build (a profiler counts a subtree: the
 * app shell's own renders need this); nothing otherwise.
 */
export function countRender(id: string): void {
  if (PROFILE) record(id, 'update', 0, 0, 0, 0);
}

/** `node` inside a `<Profiler id>` in a profile build; `node` itself otherwise. */
export function profiled(id: string, node: ReactNode): ReactNode {
  if (!PROFILE) return node;
  return (
    <Profiler id={id} onRender={record}>
      {node}
    </Profiler>
  );
}
