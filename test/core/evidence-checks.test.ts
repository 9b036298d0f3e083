// Issue 17: claims, account health, money and hidden charges answered from Amazon's own data, and
// the rule that holds over all of them: an attestation covers only what no data shows.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBalance } from '../../src/core/checks/balance.js';
import { checkClaims } from '../../src/core/checks/claims.js';
import { checkHiddenCharges } from '../../src/core/checks/hidden-charges.js';
import { checkLastSaleWindow } from '../../src/core/checks/last-sale-window.js';
import { summarizeOrders } from '../../src/core/checks/orders-summary.js';
import { checkPerformanceNotifications } from '../../src/core/checks/performance-notifications.js';
import { CHECK_IDS, type CheckId } from '../../src/core/check-result.js';
import { evaluateReadiness, isConfirmable, withConfirmations } from '../../src/core/readiness.js';
import type { SellerDataSource } from '../../src/core/seller-data-source.js';
import type { AccountHealth, Charge, Claim, DeferredFunds, Provision } from '../../src/core/seller-data.js';
import { createDemoAdapter } from '../../src/adapters/demo/demo-adapter.js';
import { ctx, order, stream, t } from '../helpers/records.js';

const AS_OF = '2026-11-26';
const health = (over: Partial<AccountHealth> = {}): AccountHealth => ({
  source: 'GET_V2_SELLER_PERFORMANCE_REPORT',
  statuses: [{ marketplaceId: 'ATVPDKIKX0DER', status: 'NORMAL' }],
  policyViolations: [{ marketplaceId: 'ATVPDKIKX0DER', name: 'listingPolicyViolations', count: 0 }],
  claimCounts: [{ marketplaceId: 'ATVPDKIKX0DER', fulfilment: 'MFN', from: '2026-08-01', to: '2026-11-25', claims: 0, chargebacks: 0 }],
  ...over,
});
const available = <T>(data: T): Provision<T> => ({ available: true, data });
const none = { available: false as const, reason: { key: 'check.no-health-data' as const }, askSeller: true };
const claim = (over: Partial<Claim> = {}): Claim => ({ claimId: 'AZ-1', orderId: '111-1', kind: 'a-to-z', openedOn: '2026-11-01', open: false, shownBy: 'financial-events', ...over });

describe('claims from data', () => {
  const run = (claims: Claim[] | null, h: AccountHealth | null, attested = false) =>
    checkClaims({ claims: claims === null ? { available: false, reason: { key: 'sp-api.no-claims' }, askSeller: true } : available(stream(claims)), health: h === null ? none : available(h), attested }, ctx(AS_OF));

  it('passes when the report counts none over the whole window and no event shows one', async () => {
    const result = await run([], health());
    expect(result).toMatchObject({ status: 'pass', basis: 'data' });
  });

  it('fails on a claim the data shows as not final, attested or not', async () => {
    for (const attested of [false, true]) {
      const result = await run([claim({ open: true })], health(), attested);
      expect(result).toMatchObject({ status: 'fail', count: 1, basis: 'data' });
    }
  });

  it('asks, listing what the data shows, when a decided claim is in the window', async () => {
    const result = await run([claim()], health());
    expect(result).toMatchObject({ status: 'manual', confirmed: false, basis: 'none', count: 1 });
    expect(result.items[0]).toMatchObject({ claimId: 'AZ-1' });
    expect(result.summary).toContain('decided');
    const confirmed = await run([claim()], health(), true);
    expect(confirmed).toMatchObject({ status: 'manual', confirmed: true, basis: 'both' });
  });

  it('asks when the counts do not reach over the 90 days (Amazon\'s 60-day order-defect window)', async () => {
    const short = health({ claimCounts: [{ marketplaceId: 'ATVPDKIKX0DER', fulfilment: 'MFN', from: '2026-09-13', to: '2026-11-12', claims: 0, chargebacks: 0 }] });
    const result = await run([], short);
    expect(result.status).toBe('manual');
    expect(result.summary).toContain('2026-09-13');
  });

  it('asks when the counts show some, even with no event', async () => {
    const result = await run([], health({ claimCounts: [{ marketplaceId: 'ATVPDKIKX0DER', fulfilment: 'AFN', from: '2026-08-01', to: '2026-11-25', claims: 0, chargebacks: 2 }] }));
    expect(result.status).toBe('manual');
  });

  it('ignores a decided claim from before the window', async () => {
    expect((await run([claim({ openedOn: '2025-01-01' })], health())).status).toBe('pass');
  });

  it('with no data at all: the seller\'s word, and only that', async () => {
    expect(await run(null, null)).toMatchObject({ status: 'manual', confirmed: false, basis: 'none' });
    expect(await run(null, null, true)).toMatchObject({ status: 'manual', confirmed: true, basis: 'seller' });
  });

  it('without events, counts alone never pass', async () => {
    expect((await run(null, health())).status).toBe('manual');
  });
});

describe('performance-notifications from the account status', () => {
  it.each(['AT_RISK', 'DEACTIVATED', 'SUSPENDED'])('fails on %s, attested or not, saying what it means for closure', (status) => {
    for (const attested of [false, true]) {
      const result = checkPerformanceNotifications(health({ statuses: [{ marketplaceId: 'ATVPDKIKX0DER', status }] }), attested, ctx());
      expect(result).toMatchObject({ status: 'fail', basis: 'data' });
      expect(result.summary).toMatch(/closure/);
    }
  });

  it('passes on NORMAL with no violation; asks on violations; unknown on a status it does not know', () => {
    expect(checkPerformanceNotifications(health(), false, ctx()).status).toBe('pass');
    const violations = health({ policyViolations: [{ marketplaceId: 'ATVPDKIKX0DER', name: 'listingPolicyViolations', count: 3 }] });
    expect(checkPerformanceNotifications(violations, false, ctx())).toMatchObject({ status: 'manual', confirmed: false });
    expect(checkPerformanceNotifications(violations, true, ctx())).toMatchObject({ status: 'manual', confirmed: true, basis: 'both' });
    expect(checkPerformanceNotifications(health({ statuses: [{ marketplaceId: 'X', status: 'PROBATION' }] }), true, ctx()).status).toBe('unknown');
    expect(checkPerformanceNotifications(health({ statuses: [] }), true, ctx()).status).toBe('unknown');
  });
});

describe('balance with deferred money', () => {
  const zero = [{ marketplaceId: null, currency: 'USD', amount: 0, reserved: 0 }];
  const deferred = (maturesOn: string | null, amount = 50): Provision<DeferredFunds[]> => available([{ amount, currency: 'USD', maturesOn, description: null }]);

  it('a zero balance with money deferred to a later day fails, and clears on that day', () => {
    const result = checkBalance(zero, ctx(AS_OF), deferred('2026-12-10'));
    expect(result).toMatchObject({ status: 'fail', clearsOn: '2026-12-10' });
  });

  it('a deferral with no date fails with no clearsOn (it cannot be dated)', () => {
    expect(checkBalance(zero, ctx(AS_OF), deferred(null))).toMatchObject({ status: 'fail', clearsOn: null });
  });

  it('money already released by the as-of day does not block; no deferral data leaves the balance to decide', () => {
    expect(checkBalance(zero, ctx(AS_OF), deferred('2026-11-01')).status).toBe('pass');
    expect(checkBalance(zero, ctx(AS_OF), null).status).toBe('pass');
  });

  it('the earliest closure date waits for the release', async () => {
    const blocked = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: AS_OF, t, attested: new Set() });
    expect(blocked.checks.find((c) => c.id === 'balance')?.clearsOn).toBe('2026-12-04');
    const waiting = createDemoAdapter('waiting');
    const later: SellerDataSource = { ...waiting, deferredFunds: async () => deferred('2027-01-20') };
    const readiness = await evaluateReadiness(later, { asOf: AS_OF, t, attested: new Set() });
    expect(readiness.earliestCloseDate).toBe('2027-01-20');
  });
});

describe('hidden-charges', () => {
  const ads = (postedOn: string): Charge => ({ kind: 'ads', postedOn, amount: -10, currency: 'USD', description: null, marketplaceId: null });
  const fee: Charge = { kind: 'subscription', postedOn: '2026-11-01', amount: -39.99, currency: 'USD', description: null, marketplaceId: null };

  it('warns on ads in the last 60 days and on subscription fees, saying where to stop them', () => {
    const result = checkHiddenCharges(available([ads('2026-11-01'), fee]), ctx(AS_OF));
    expect(result).toMatchObject({ status: 'warn', count: 2 });
    expect(result.remediation).toContain('Advertising console');
    expect(result.remediation).toContain('Individual');
  });

  it('passes with none; older ads do not count; no data is a warning, never a pass', () => {
    expect(checkHiddenCharges(available([]), ctx(AS_OF)).status).toBe('pass');
    expect(checkHiddenCharges(available([ads('2026-08-01')]), ctx(AS_OF)).status).toBe('pass');
    expect(checkHiddenCharges({ available: false, reason: { key: 'check.no-charges-data' } }, ctx(AS_OF))).toMatchObject({ status: 'warn', basis: 'none' });
  });
});

describe('hidden-charges at a later as-of day (attack)', () => {
  it('ads billed before the data was read still warn: the 60 days end on the data day, not on an as-of day the data never reaches', async () => {
    const today = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: AS_OF, dataDay: AS_OF, t, attested: new Set() });
    const adsToday = today.checks.find((c) => c.id === 'hidden-charges')!.items.filter((i) => i.kind === 'ads').length;
    expect(adsToday).toBeGreaterThan(0);
    const later = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: '2027-06-01', dataDay: AS_OF, t, attested: new Set() });
    const charges = later.checks.find((c) => c.id === 'hidden-charges')!;
    expect(charges.status).toBe('warn');
    expect(charges.items.filter((i) => i.kind === 'ads')).toHaveLength(adsToday);
  });
});

describe('last-sale-window and the later A-to-z day', () => {
  it('keeps Amazon\'s rule for its verdict and adds the day 90 days after the latest delivery', async () => {
    const sale = order({ status: 'Shipped', purchaseDate: '2026-10-02T12:00:00Z' });
    const summary = await summarizeOrders(stream([{ ...sale, latestDelivery: '2026-10-20T23:59:59Z' }]));
    const result = checkLastSaleWindow(summary, '2026-07-01', ctx(AS_OF));
    expect(result.status).toBe('fail');
    expect(result.clearsOn).toBe('2027-01-01');
    expect(result.claimableUntil).toBe('2027-01-19');
    expect(result.summary).toContain('2027-01-19');
    // Without delivery dates: Amazon's rule only.
    const plain = checkLastSaleWindow(await summarizeOrders(stream([sale])), '2026-07-01', ctx(AS_OF));
    expect(plain.claimableUntil).toBeUndefined();
  });
});

// The rule over every check: whatever the seller attests, a problem the data shows stays a problem.
describe('an attestation never overrides data', () => {
  const confirmable = CHECK_IDS.filter((id) => isConfirmable(id));

  it('the blocked demo seller attested all keeps every data-shown failure', async () => {
    const plain = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: AS_OF, t, attested: new Set() });
    const attested = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: AS_OF, t, attested: new Set(confirmable) });
    const failing = (r: typeof plain) => r.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failing(attested)).toEqual(failing(plain));
    expect(failing(attested)).toEqual(expect.arrayContaining(['claims', 'performance-notifications', 'balance']));
    // And the wizard's confirmations cannot either.
    expect(failing(withConfirmations(attested, confirmable, t))).toEqual(failing(plain));
  });

  it('property: for any data and any attestations, a check the data fails stays failed, and data-backed results say so', async () => {
    const claimArb = fc.record({ open: fc.boolean(), openedOn: fc.constantFrom('2026-06-01', '2026-10-01', '2026-11-20'), kind: fc.constantFrom<Claim['kind']>('a-to-z', 'chargeback', 'safe-t') });
    const statusArb = fc.constantFrom('NORMAL', 'AT_RISK', 'DEACTIVATED', 'SUSPENDED', 'OTHER');
    await fc.assert(
      fc.asyncProperty(
        fc.array(claimArb, { maxLength: 4 }),
        fc.array(statusArb, { minLength: 1, maxLength: 3 }),
        fc.nat(3),
        fc.option(fc.constantFrom('2026-11-01', '2026-12-20', null), { nil: undefined }),
        fc.subarray(confirmable),
        async (claims, statuses, violations, maturity, attest) => {
          const demo = createDemoAdapter('ready');
          const source: SellerDataSource = {
            ...demo,
            claims: async () => available(stream(claims.map((c, i) => claim({ ...c, claimId: `C${i}` })))),
            accountHealth: async () => available(health({ statuses: statuses.map((status, i) => ({ marketplaceId: `M${i}`, status })), policyViolations: [{ marketplaceId: 'M0', name: 'otherPolicyViolations', count: violations }] })),
            deferredFunds: async () => available(maturity === undefined ? [] : [{ amount: 10, currency: 'USD', maturesOn: maturity, description: null }]),
          };
          const without = await evaluateReadiness(source, { asOf: AS_OF, t, attested: new Set() });
          const withAll = await evaluateReadiness(source, { asOf: AS_OF, t, attested: new Set(attest) });
          for (const check of without.checks) {
            const after = withAll.checks.find((c) => c.id === check.id)!;
            // Attesting may confirm a question; it never changes what the data decided.
            if (check.status !== 'manual') expect(after.status).toBe(check.status);
            if (check.status === 'fail') expect(after.basis).toBe('data');
            if (after.status === 'manual' && after.confirmed) expect(['seller', 'both']).toContain(after.basis);
          }
          if (claims.some((c) => c.open)) expect(withAll.checks.find((c) => c.id === 'claims')?.status).toBe('fail');
          if (statuses.some((s) => s !== 'NORMAL' && s !== 'OTHER')) expect(withAll.checks.find((c) => c.id === 'performance-notifications')?.status).toBe('fail');
          if (withAll.verdict === 'ready') expect(without.checks.every((c) => c.status !== 'fail' && c.status !== 'unknown')).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('every confirmable id is one the seller can be asked', () => {
    for (const id of ['claims', 'performance-notifications', 'balance'] as CheckId[]) expect(isConfirmable(id)).toBe(true);
  });
});
