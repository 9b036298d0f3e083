// Rate budgets per operation from Amazon's documented usage plans, 429s without a rate header,
// and buckets that outlive a run, all on a virtual clock: waits of minutes take no time.

import { afterAll, describe, expect, it } from 'vitest';
import { virtualClock } from '../../src/adapters/sp-api/clock.js';
import { LwaToken } from '../../src/adapters/sp-api/lwa-token.js';
import { USAGE_PLANS } from '../../src/adapters/sp-api/models/usage-plans.js';
import { RateLimiter } from '../../src/adapters/sp-api/rate-limiter.js';
import { SpApiClient, SpApiError } from '../../src/adapters/sp-api/sp-api-client.js';
import { spApiSettings } from '../../src/adapters/sp-api/sp-api-settings.js';
import { NO_FAULTS, startFakeSpApi, type FakeSpApi } from '../helpers/fake-sp-api.js';
import { t } from '../helpers/records.js';
import { TEST_NOW } from '../helpers/sp-api-session.js';

const servers: FakeSpApi[] = [];
afterAll(async () => Promise.all(servers.splice(0).map((s) => s.close())));

describe('RateLimiter', () => {
  it('spends the documented burst, then waits one token at the documented rate (searchOrders: 0.0056/s)', () => {
    let now = TEST_NOW;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < USAGE_PLANS.searchOrders.burst; i++) expect(limiter.reserve('searchOrders')).toBe(0);
    expect(limiter.reserve('searchOrders')).toBe(Math.ceil(1000 / 0.0056));
    now += 60_000;
    // Other operations have buckets of their own.
    expect(limiter.reserve('getReport')).toBe(0);
  });

  it('after a 429 (no rate header) the next token comes at the rate in force; a stated rate is followed', () => {
    const limiter = new RateLimiter(() => TEST_NOW);
    expect(limiter.drain('createReport')).toBe(Math.ceil(1000 / 0.0167));
    limiter.follow('createReport', null);
    limiter.follow('createReport', 'not a number');
    expect(limiter.rateOf('createReport')).toBe(0.0167);
    limiter.follow('createReport', '0.5');
    expect(limiter.drain('createReport')).toBe(2000);
  });

  it('starts from the buckets an earlier run left, refilled by the time since, never beyond the burst', () => {
    const first = new RateLimiter(() => TEST_NOW);
    for (let i = 0; i < 20; i++) first.reserve('searchOrders');
    const saved = first.snapshot();
    expect(saved.searchOrders).toEqual({ tokens: 0, at: TEST_NOW });
    // Ten seconds later a new run finds the bucket nearly empty, as Amazon's is.
    const next = new RateLimiter(() => TEST_NOW + 10_000, saved);
    expect(next.reserve('searchOrders')).toBe(Math.ceil(((1 - 10 * 0.0056) / 0.0056) * 1000));
    // A day later it is full again, and no fuller.
    const later = new RateLimiter(() => TEST_NOW + 86_400_000, saved);
    for (let i = 0; i < 20; i++) expect(later.reserve('searchOrders')).toBe(0);
    expect(later.reserve('searchOrders')).toBeGreaterThan(0);
    // A snapshot from the future (a clock set back) is ignored: full buckets.
    const skewed = new RateLimiter(() => TEST_NOW - 1000, saved);
    expect(skewed.reserve('searchOrders')).toBe(0);
  });
});

describe('SpApiClient and 429s', () => {
  async function client(throttleFirst: number) {
    const clock = virtualClock(TEST_NOW);
    const fake = await startFakeSpApi('ready', { ...NO_FAULTS, throttleFirst }, { now: clock.now });
    servers.push(fake);
    const settings = spApiSettings(fake.env, null, t, () => {});
    const waits: number[] = [];
    const api = new SpApiClient(settings, new LwaToken(settings, t, clock.now), t, { userAgent: 'test', clock, onWait: (_op, ms) => waits.push(ms) });
    return { api, clock, waits, fake };
  }
  const search = { query: { createdAfter: '2026-10-01T00:00:00Z', includedData: ['FULFILLMENT'] } };

  it('a searchOrders 429 without a rate header waits 179 s per token and succeeds, however long (was fatal past 120 s)', async () => {
    const { api, clock, waits, fake } = await client(5);
    const answer = await api.call<{ orders: unknown[] }>('searchOrders', search);
    expect(Array.isArray(answer.orders)).toBe(true);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(5);
    for (const r of fake.requests.filter((r) => r.status === 429)) expect(r.path).toContain('/orders/2026-01-01/orders');
    // Five waits of one token each at 0.0056/s, each announced: about 15 minutes, in no time.
    expect(waits).toEqual(Array(5).fill(Math.ceil(1000 / 0.0056)));
    expect(clock.now() - TEST_NOW).toBeGreaterThanOrEqual(5 * 178_000);
  });

  it('gives up after a run of 429s in a row, with a clear error', async () => {
    const { api } = await client(100);
    const failure = await api.call('searchOrders', search).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SpApiError);
    expect((failure as SpApiError).message).toContain('searchOrders kept failing');
  });
});

describe('rate buckets saved between runs', () => {
  it('round-trip through a file only its owner can read, per region and seller; a damaged file means full buckets', async () => {
    const { mkdtempSync, statSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadRates, saveRates } = await import('../../src/adapters/sp-api/rate-store.js');
    const path = join(mkdtempSync(join(tmpdir(), 'rates-')), 'close-account', 'sp-api-rates.json');
    expect(loadRates(path, 'na:A1')).toEqual({});
    saveRates(path, 'na:A1', { searchOrders: { tokens: 3, at: TEST_NOW } });
    saveRates(path, 'eu:A1', { createReport: { tokens: 1, at: TEST_NOW } });
    expect(loadRates(path, 'na:A1')).toEqual({ searchOrders: { tokens: 3, at: TEST_NOW } });
    expect(loadRates(path, 'eu:A1')).toEqual({ createReport: { tokens: 1, at: TEST_NOW } });
    expect(statSync(path).mode & 0o077).toBe(0);
    writeFileSync(path, '{not json');
    expect(loadRates(path, 'na:A1')).toEqual({});
  });
});
