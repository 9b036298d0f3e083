// Time for the SP-API adapter: the clock that dates requests and refills rate buckets, and the
// sleep that waits for a token or a report. Injected so that tests of hour-long rate waits and
// report production run in milliseconds.

import { clockFromEnv as outboundClockFromEnv, REAL_CLOCK, type RetryClock } from '../../http/outbound.js';

/** The outbound layer's clock; its jitter source is optional (Math.random when absent). */
export type Clock = RetryClock;

export { REAL_CLOCK };

/** The built program's clock: CLOSE_ACCOUNT_TEST_NO_WAIT=1 ends every wait at once (http/outbound.ts). */
export function clockFromEnv(env: Readonly<Record<string, string | undefined>>): Clock {
  return outboundClockFromEnv(env);
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
