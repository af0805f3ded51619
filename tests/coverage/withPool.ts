/**
 * Test helper: runs `make` while `pool` is the helper pool (src/coverage/fillPool.ts), as the coverage
 * worker's is: fields made meanwhile are on shared memory, breakdowns meanwhile spread over the pool.
 */
import { setFillPool, type FillPool } from '../../src/coverage/fillPool';

export function withPool<T>(pool: FillPool | null, make: () => T): T {
  setFillPool(pool);
  try {
    return make();
  } finally {
    setFillPool(null);
  }
}
