// The SP-API adapter against the fake, in this process, on one virtual clock: the adapter's rate
// waits and report polls move the clock the fake judges dates by, so hour-long waits take
// milliseconds and a test can read how long each wait was.

import { virtualClock } from '../../src/adapters/sp-api/clock.js';
import { createSpApiAdapter } from '../../src/adapters/sp-api/sp-api-adapter.js';
import type { RateSnapshot } from '../../src/adapters/sp-api/rate-limiter.js';
import { spApiSettings } from '../../src/adapters/sp-api/sp-api-settings.js';
import type { DemoSeller } from '../../src/adapters/demo/demo-seller.js';
import type { SellerDataSource } from '../../src/core/seller-data-source.js';
import { startFakeSpApi, type FakeSpApi, type Faults } from './fake-sp-api.js';
import { t } from './records.js';

/** The demo data was "downloaded" on 2026-11-26: the tests' now is midday that day. */
export const TEST_NOW = Date.parse('2026-11-26T12:00:00Z');
export const POLL = { firstMs: 500, maxMs: 30_000, deadlineMs: 20 * 60_000 };

export interface Session {
  fake: FakeSpApi;
  clock: ReturnType<typeof virtualClock>;
  notes: string[];
  rates: { saved: RateSnapshot };
  open(asOf?: string): Promise<SellerDataSource>;
}

const sessions: FakeSpApi[] = [];

export async function session(seller: 'blocked' | 'ready' | DemoSeller, faults: Faults, start = TEST_NOW): Promise<Session> {
  const clock = virtualClock(start);
  // A virtual clock leaps minutes while another call is between getting its token and using it:
  // tokens live an hour here, and the mid-run expiry stays (expireFirstTokenAfter).
  const fake = await startFakeSpApi(seller, { ...faults, tokenLifetime: Math.max(faults.tokenLifetime, 3600) }, { now: clock.now });
  sessions.push(fake);
  const notes: string[] = [];
  const rates = { saved: {} as RateSnapshot };
  const settings = spApiSettings(fake.env, null, t, () => {});
  return {
    fake,
    clock,
    notes,
    rates,
    open: (asOf = '2026-11-26') =>
      createSpApiAdapter({ settings, t, asOf, note: (m) => notes.push(m), verbose: false, userAgent: 'test', poll: POLL, clock, rates: rates.saved, saveRates: (s) => (rates.saved = s) }),
  };
}

export async function closeSessions(): Promise<void> {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
}
