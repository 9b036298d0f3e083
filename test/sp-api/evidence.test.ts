// Issue 17 against the strict fake SP-API, on a virtual clock: claims, account health, deferred
// money and hidden charges from Amazon's own data (financial events, transactions, the seller
// performance report), each with its faults; and re-runs that read Amazon's reports of the last
// hours again instead of asking for new ones.

import { afterAll, describe, expect, it } from 'vitest';
import type { CheckId } from '../../src/core/check-result.js';
import { CHECK_IDS } from '../../src/core/check-result.js';
import { evaluateReadiness, isConfirmable, type Readiness } from '../../src/core/readiness.js';
import { parsePerformanceReport } from '../../src/adapters/sp-api/sp-api-evidence.js';
import { ALL_FAULTS, NO_FAULTS, provenReadySeller, type Faults } from '../helpers/fake-sp-api.js';
import { t } from '../helpers/records.js';
import { closeSessions, session, TEST_NOW } from '../helpers/sp-api-session.js';
import { demoSeller, type DemoSeller } from '../../src/adapters/demo/demo-seller.js';

afterAll(closeSessions);

const all = new Set<CheckId>(CHECK_IDS.filter((id) => isConfirmable(id)));
const check = (r: Readiness, id: CheckId) => r.checks.find((c) => c.id === id)!;

async function evaluate(seller: 'blocked' | 'ready' | DemoSeller, faults: Faults, attested: ReadonlySet<CheckId> = new Set()) {
  const s = await session(seller, faults);
  const adapter = await s.open();
  const readiness = await evaluateReadiness(adapter, { asOf: '2026-11-26', t, attested });
  await adapter.close();
  return { ...s, readiness };
}

describe('evidence from the Selling Partner API (issue 17)', () => {
  it('the blocked seller: AT_RISK fails, ads and the plan fee warn, deferred money dates the balance, claims listed for confirmation', async () => {
    const { readiness, fake } = await evaluate('blocked', ALL_FAULTS);
    expect(check(readiness, 'performance-notifications')).toMatchObject({ status: 'fail', basis: 'data' });
    expect(check(readiness, 'hidden-charges')).toMatchObject({ status: 'warn', count: 5 });
    expect(check(readiness, 'balance')).toMatchObject({ status: 'fail', clearsOn: '2026-12-04' });
    // An open claim posts no event; the Returns report flags it (A-to-Z Claim = Y): not final, a fail.
    const claims = check(readiness, 'claims');
    expect(claims).toMatchObject({ status: 'fail', count: 1, basis: 'data' });
    expect(claims.items[0]).toMatchObject({ kind: 'a-to-z' });
    // Paginated with every fault on (pages of 2, 429s, 503s): each operation answered and nothing departed from the model.
    for (const op of ['listFinancialEvents', 'listTransactions']) expect(fake.requests.some((r) => r.operation === op && r.status === 200)).toBe(true);
    expect(fake.requests.filter((r) => r.operation === 'listFinancialEvents' && r.status === 200).length).toBeGreaterThan(1);
    expect(fake.requests.flatMap((r) => r.problems)).toEqual([]);
  });

  it('the blocked seller attested all: every data-shown problem stays', async () => {
    const { readiness } = await evaluate('blocked', NO_FAULTS, all);
    expect(check(readiness, 'performance-notifications')).toMatchObject({ status: 'fail', basis: 'data' });
    expect(check(readiness, 'balance').status).toBe('fail');
    expect(check(readiness, 'claims')).toMatchObject({ status: 'fail', basis: 'data' });
  });

  it('a seller whose performance report covers the window with none: claims, account health and charges pass from data', async () => {
    const { readiness } = await evaluate(provenReadySeller(TEST_NOW), NO_FAULTS);
    expect(check(readiness, 'claims')).toMatchObject({ status: 'pass', basis: 'data' });
    expect(check(readiness, 'performance-notifications')).toMatchObject({ status: 'pass', basis: 'data' });
    expect(check(readiness, 'hidden-charges').status).toBe('pass');
    expect(check(readiness, 'balance').status).toBe('pass');
  });

  it('Finances refused (403): claims go back to the seller, charges cannot be checked, the balance still comes from listBalances', async () => {
    const { readiness } = await evaluate(provenReadySeller(TEST_NOW), { ...NO_FAULTS, noFinances: true });
    expect(check(readiness, 'claims')).toMatchObject({ status: 'manual', confirmed: false });
    expect(check(readiness, 'claims').summary).toContain('Finance and Accounting');
    expect(check(readiness, 'hidden-charges')).toMatchObject({ status: 'warn', basis: 'none' });
    expect(check(readiness, 'balance').status).toBe('pass');
  });

  it('a performance report Amazon aborts (FATAL) leaves account health to the seller, never a pass', async () => {
    const { readiness } = await evaluate(provenReadySeller(TEST_NOW), { ...NO_FAULTS, fatalReports: ['GET_V2_SELLER_PERFORMANCE_REPORT'] });
    expect(check(readiness, 'performance-notifications')).toMatchObject({ status: 'manual', confirmed: false });
    expect(check(readiness, 'claims').status).toBe('manual');
  });

  it('an account status the schema does not name is unknown', async () => {
    const seller = provenReadySeller(TEST_NOW);
    seller.health.statuses = [{ marketplaceId: 'ATVPDKIKX0DER', status: 'UNDER_REVIEW' }];
    const { readiness } = await evaluate(seller, NO_FAULTS, all);
    expect(check(readiness, 'performance-notifications').status).toBe('unknown');
  });
});

describe('account health covers every marketplace the seller sells in (attack)', () => {
  it('a report with no account status for its marketplace is unknown, not the other marketplaces\' NORMAL', async () => {
    const seller = provenReadySeller(TEST_NOW);
    const ready = demoSeller('ready');
    const ca = ready.participations.find((p) => p.marketplaceId !== 'ATVPDKIKX0DER')!;
    seller.participations.push(ca);
    seller.health.claimCounts.push(...seller.health.claimCounts.filter((c) => c.marketplaceId === 'ATVPDKIKX0DER').map((c) => ({ ...c, marketplaceId: ca.marketplaceId })));
    seller.health.policyViolations.push(...seller.health.policyViolations.filter((v) => v.marketplaceId === 'ATVPDKIKX0DER').map((v) => ({ ...v, marketplaceId: ca.marketplaceId })));
    seller.health.statuses = seller.health.statuses.filter((x) => x.marketplaceId === 'ATVPDKIKX0DER');
    const { readiness } = await evaluate(seller, NO_FAULTS, all);
    expect(check(readiness, 'performance-notifications').status).toBe('unknown');
  });

  it('a report with no policy metric at all shows no violation count: unknown, never a pass', async () => {
    const seller = provenReadySeller(TEST_NOW);
    seller.health.policyViolations = [];
    const { readiness } = await evaluate(seller, NO_FAULTS, all);
    expect(check(readiness, 'performance-notifications').status).toBe('unknown');
  });
});

describe('deferred money fails closed (attack)', () => {
  it('a deferred transaction whose amount Amazon left out (null) is held money, never zero', async () => {
    const seller = provenReadySeller(TEST_NOW);
    seller.deferred = [{ amount: Number.NaN, currency: 'USD', maturesOn: null, description: 'Order Payment' }];
    const { readiness } = await evaluate(seller, { ...NO_FAULTS, pageSize: 1 }, all);
    expect(check(readiness, 'balance')).toMatchObject({ status: 'fail', clearsOn: null });
    expect(check(readiness, 'balance').summary).toContain('? USD');
  });

  it('more deferred transactions than the pages read: money is still deferred, the balance fails with no date', async () => {
    const seller = provenReadySeller(TEST_NOW);
    seller.deferred = Array.from({ length: 201 }, () => ({ amount: 0, currency: 'USD', maturesOn: '2026-11-01', description: 'Order Payment' }));
    seller.deferred.push({ amount: 50, currency: 'USD', maturesOn: '2026-12-30', description: 'Order Payment' });
    const { readiness } = await evaluate(seller, { ...NO_FAULTS, pageSize: 1 }, all);
    expect(check(readiness, 'balance')).toMatchObject({ status: 'fail', clearsOn: null });
  });
});

describe('the performance report is read fail-closed', () => {
  const odr = (claims: unknown) => ({ reportingDateRange: { reportingDateFrom: '2026-08-01T00:00Z', reportingDateTo: '2026-11-25T23:59Z' }, claims: { count: claims, status: 'NONE' }, chargebacks: { count: 0, status: 'NONE' } });
  it('reads Amazon\'s schema example shape and drops what it cannot read', () => {
    const doc = { accountStatuses: [{ marketplaceId: 'ATVPDKIKX0DER', status: 'AT_RISK' }, { status: 'NORMAL' }], performanceMetrics: [{ marketplaceId: 'ATVPDKIKX0DER', orderDefectRate: { afn: odr(0), mfn: odr('x') }, listingPolicyViolations: { defectsCount: 'many' } }] };
    const health = parsePerformanceReport(JSON.stringify(doc), 'test');
    expect(health.statuses).toEqual([{ marketplaceId: 'ATVPDKIKX0DER', status: 'AT_RISK' }]);
    expect(health.claimCounts).toHaveLength(1);
    // An unreadable defect count is counted as one, never as none.
    expect(health.policyViolations).toEqual([{ marketplaceId: 'ATVPDKIKX0DER', name: 'listingPolicyViolations', count: 1 }]);
    expect(parsePerformanceReport('not json', 'test')).toMatchObject({ statuses: [], claimCounts: [] });
  });
});

describe('re-runs are quick (issue 17)', () => {
  it('a second check within the hour makes no createReport call and takes a tenth of the time or less', async () => {
    // Amazon's reports take minutes to produce: five here, on the virtual clock.
    const s = await session(provenReadySeller(TEST_NOW), { ...NO_FAULTS, reportDelayMs: 5 * 60_000 });
    const run = async () => {
      const started = s.clock.now();
      const creates = s.fake.requests.filter((r) => r.operation === 'createReport').length;
      const adapter = await s.open();
      const readiness = await evaluateReadiness(adapter, { asOf: '2026-11-26', t, attested: new Set() });
      await adapter.close();
      return { readiness, ms: s.clock.now() - started, created: s.fake.requests.filter((r) => r.operation === 'createReport').length - creates };
    };
    const first = await run();
    await s.clock.sleep(20 * 60_000);
    const second = await run();
    expect(first.created).toBeGreaterThan(0);
    expect(second.created).toBe(0);
    expect(second.ms * 10).toBeLessThanOrEqual(first.ms);
    // The same answers from the same reports.
    expect(second.readiness.checks.map((c) => [c.id, c.status])).toEqual(first.readiness.checks.map((c) => [c.id, c.status]));
    // getReports was asked by type, creation time and status.
    const listing = s.fake.requests.find((r) => r.operation === 'getReports' && r.path.includes('createdSince'));
    expect(listing?.path).toMatch(/processingStatuses=DONE/);
  });

  it('a day later the reports are asked for again', async () => {
    const s = await session(provenReadySeller(TEST_NOW), NO_FAULTS);
    const once = await s.open();
    await evaluateReadiness(once, { asOf: '2026-11-26', t, attested: new Set() });
    await once.close();
    const before = s.fake.requests.filter((r) => r.operation === 'createReport').length;
    await s.clock.sleep(26 * 60 * 60_000);
    const again = await s.open('2026-11-27');
    await evaluateReadiness(again, { asOf: '2026-11-27', t, attested: new Set() });
    await again.close();
    expect(s.fake.requests.filter((r) => r.operation === 'createReport').length).toBeGreaterThan(before);
  });
});
