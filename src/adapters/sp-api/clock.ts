// Time for the SP-API adapter: the clock that dates requests and refills rate buckets, and the
// sleep that waits for a token or a report. Injected so that tests of hour-long rate waits and
// report production run in milliseconds.

import { clockFromEnv as outboundClockFromEnv, REAL_CLOCK, type RetryClock } from '../../http/outbound.js';

/** The outbound layer's clock; its jitter source is optional (Math.random when absent). */
export type Clock = RetryClock;

export { REAL_CLOCK };

/** The built program's clock: CLOSE_ACCOUNT_TEST_NO_WAIT=1 ends every wait at once (http/outbound.ts). */
export function clockFromEnv(env: Readonly<Record<string, string | undefined>>): Clock {
  const scale = Number(env.CLOSE_ACCOUNT_TEST_TIME_SCALE);
  if (env.CLOSE_ACCOUNT_TEST_NO_WAIT !== '1' && Number.isFinite(scale) && scale > 1 && scale <= 1000) return scaledClock(scale);
  return outboundClockFromEnv(env);
}

/**
 * For the portfolio benchmark (bench/portfolio.mjs, CLOSE_ACCOUNT_TEST_TIME_SCALE=N): time runs N
 * times faster, the same for every wait, so that minutes of Amazon's rate and report waits take
 * seconds while keeping their proportions (the benchmark's fake runs on the same scale).
 */
export function scaledClock(scale: number, start = Date.now()): Clock {
  return { now: () => start + (Date.now() - start) * scale, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / scale)) };
}

/**
 * A clock that moves only when slept on: tests see every wait's length without waiting. A sleep
 * ends at its own start plus its length, so waits that overlap (reports polled side by side)
 * overlap here too instead of adding up.
 */
export function virtualClock(start: number): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      const wake = now + Math.max(0, ms);
      await new Promise((resolve) => setImmediate(resolve));
      now = Math.max(now, wake);
    },
  };
}
