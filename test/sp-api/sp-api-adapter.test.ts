// The SP-API adapter against the fake SP-API: the shared contract, the right verdicts with every
// fault switched on, the fallbacks, and clear failures.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpApiAdapter } from '../../src/adapters/sp-api/sp-api-adapter.js';
import { spApiSettings } from '../../src/adapters/sp-api/sp-api-settings.js';
import type { CheckId } from '../../src/core/check-result.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { DataSourceError } from '../../src/errors.js';
import { runAdapterContract } from '../contract/adapter-contract.js';
import { ALL_FAULTS, NO_FAULTS, startFakeSpApi, type FakeSpApi, type Faults } from '../helpers/fake-sp-api.js';
import { t } from '../helpers/records.js';

const POLL = { firstMs: 20, maxMs: 50, deadlineMs: 10_000 };
const attested = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims']);
const servers: FakeSpApi[] = [];

async function adapterFor(scenario: 'blocked' | 'ready', faults: Faults, notes: string[] = []) {
  const fake = await startFakeSpApi(scenario, faults);
  servers.push(fake);
  const settings = spApiSettings(fake.env, null, t, () => {});
  const adapter = await createSpApiAdapter({ settings, t, asOf: '2026-11-26', note: (m) => notes.push(m), verbose: false, userAgent: 'test', poll: POLL });
  return { adapter, fake };
}

afterAll(async () => Promise.all(servers.splice(0).map((s) => s.close())));

runAdapterContract('sp-api (fake, blocked, every fault)', async () => (await adapterFor('blocked', ALL_FAULTS)).adapter);
runAdapterContract('sp-api (fake, ready)', async () => (await adapterFor('ready', NO_FAULTS)).adapter);

describe('sp-api adapter against the fake', () => {
  let blocked: Awaited<ReturnType<typeof evaluateReadiness>>;
  let notes: string[];
  let fake: FakeSpApi;

  beforeAll(async () => {
    notes = [];
    const made = await adapterFor('blocked', ALL_FAULTS, notes);
    fake = made.fake;
    blocked = await evaluateReadiness(made.adapter, { asOf: '2026-11-26', t, attested });
    await made.adapter.close();
  });

  it('finds the blocked seller blocked, check by check, with every fault on', () => {
    const status = Object.fromEntries(blocked.checks.map((c) => [c.id, c.status]));
    expect(blocked.verdict).toBe('blocked');
    expect(status).toMatchObject({
      'open-orders': 'fail',
      'last-sale-window': 'fail',
      'returns-refunds': 'fail',
      claims: 'manual',
      'fba-inventory': 'fail',
      'removal-orders': 'fail',
      listings: 'fail',
      balance: 'fail',
    });
    expect(blocked.checks.find((c) => c.id === 'open-orders')!.count).toBe(4);
    expect(blocked.earliestCloseDate).toBe('2027-02-18');
  });

  it('decodes the gzipped Windows-1252 report document', () => {
    const listings = blocked.checks.find((c) => c.id === 'listings')!;
    expect(listings.count).toBe(24);
    expect(listings.items[0]).toMatchObject({ name: 'Café crème Mug, Stoneware' });
  });

  it('counts each pooled SKU once across the marketplaces of a unified region', () => {
    expect(blocked.checks.find((c) => c.id === 'fba-inventory')!.count).toBe(6);
  });

  it('survives 429 bursts, 503s and a token that expires mid-run, and says how many calls it made', () => {
    const statuses = fake.requests.map((r) => r.status);
    expect(statuses).toContain(429);
    expect(statuses).toContain(503);
    expect(fake.requests.filter((r) => r.path === '/auth/o2/token').length).toBeGreaterThanOrEqual(2);
    expect(notes[0]).toMatch(/^SP-API: \d+ calls \(\d+ token exchanges\) in [\d.]+ s; the documented rates allow no less than [\d.]+ s/);
    // Every API call carried a token; none carried it to the presigned document URL.
    for (const r of fake.requests.filter((r) => !r.path.startsWith('/auth') && !r.path.startsWith('/documents-download'))) expect(r.token).toMatch(/^Atza\|/);
    for (const r of fake.requests.filter((r) => r.path.startsWith('/documents-download'))) expect(r.token).toBeUndefined();
  });

  it('finds the ready seller ready', async () => {
    const { adapter } = await adapterFor('ready', ALL_FAULTS);
    const ready = await evaluateReadiness(adapter, { asOf: '2026-11-26', t, attested });
    await adapter.close();
    expect(ready.checks.filter((c) => c.status !== 'pass' && c.status !== 'manual')).toEqual([]);
    expect(ready.verdict).toBe('ready');
  });

  it('falls back to the open financial event groups where listBalances is missing', async () => {
    const { adapter, fake: f } = await adapterFor('blocked', { ...NO_FAULTS, noListBalances: true });
    const balance = await adapter.balance();
    await adapter.close();
    expect(balance.available && balance.data.find((b) => b.currency === 'USD')).toMatchObject({ amount: 1792.72 });
    expect(f.requests.some((r) => r.path.startsWith('/finances/v0/financialEventGroups'))).toBe(true);
  });

  it('explains a revoked authorisation (invalid_grant), with no secret in the message', async () => {
    const fakeRevoked = await startFakeSpApi('ready', { ...NO_FAULTS, revoked: true });
    servers.push(fakeRevoked);
    const settings = spApiSettings(fakeRevoked.env, null, t, () => {});
    const failure = await createSpApiAdapter({ settings, t, asOf: '2026-11-26', note: () => {}, verbose: false, userAgent: 'test', poll: POLL }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DataSourceError);
    const error = failure as DataSourceError;
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain('invalid_grant');
    expect(error.hint).toContain('renew it in Seller Central');
    expect(error.message).not.toContain(settings.refreshToken);
    expect(error.message).toContain('[redacted]');
  });
});
