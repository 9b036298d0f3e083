// The run lasts as long as its slowest account: accounts that took longest last time start first,
// accounts never checked before them all (they may be the slowest), ties in the file's order.

import { describe, expect, it } from 'vitest';
import { startOrder } from '../../src/portfolio/check-accounts.js';
import { mapConcurrent } from '../../src/portfolio/pool.js';

describe('start order and the pool', () => {
  it('longest previous check first, never-checked accounts before all, ties in file order', () => {
    expect(startOrder([100, null, 5000, 100, null, 20])).toEqual([1, 4, 2, 0, 3, 5]);
  });

  it('the pool keeps at most N tasks running and the results in order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      for (let i = 0; i < n; i++) await Promise.resolve();
      running -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
  });
});
