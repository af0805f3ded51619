/** Median time (ms) of `fn` over rounds run for at least `minMs` and at least five rounds. */
export function medianMs(fn: () => unknown, minMs = 1000): number {
  const rounds: number[] = [];
  const start = performance.now();
  while (performance.now() - start < minMs || rounds.length < 5) {
    const t0 = performance.now();
    fn();
    rounds.push(performance.now() - t0);
  }
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)]!;
}
