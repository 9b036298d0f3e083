import { describe, expect, it } from 'vitest';
import { createDemoAdapter } from '../../src/adapters/demo/demo-adapter.js';
import { CHECK_IDS, checkResult, type CheckId, type CheckResult } from '../../src/core/check-result.js';
import { evaluateReadiness, TIME_GATED_CHECKS, withConfirmations } from '../../src/core/readiness.js';
import type { SellerDataSource } from '../../src/core/seller-data-source.js';
import { earliestCloseDate, verdictOf } from '../../src/core/verdict.js';
import { t } from '../helpers/records.js';

const allConfirmable = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims', 'marketplaces']);

/** A source that can tell nothing at all. */
function blindSource(askSeller = false): SellerDataSource {
  const nothing = async () => ({ available: false as const, reason: { key: 'demo.claims-none' as const }, askSeller });
  return {
    id: 'reports',
    isDemo: false,
    account: async () => ({ sellerId: null, displayName: null, sellingPlan: null }),
    marketplaces: nothing,
    orders: nothing,
    inventory: nothing,
    listings: nothing,
    removalOrders: nothing,
    returns: nothing,
    claims: nothing,
    balance: nothing,
    close: async () => {},
  };
}

describe('verdict', () => {
  const r = (status: CheckResult['status'], confirmed: boolean | null = null) => checkResult('open-orders', status, 's', { confirmed });

  it('is ready only with no fail, no unknown and every manual item confirmed', () => {
    expect(verdictOf([r('pass'), r('warn'), r('manual', true)])).toBe('ready');
    expect(verdictOf([r('pass'), r('manual', false)])).toBe('needs-confirmation');
    expect(verdictOf([r('pass'), r('unknown'), r('manual', true)])).toBe('blocked');
    expect(verdictOf([r('fail'), r('manual', false)])).toBe('blocked');
  });

  it('dates closure by the latest time-gated check, never before the as-of day', () => {
    const gate = (status: CheckResult['status'], clearsOn: string | null) => checkResult('last-sale-window', status, 's', { clearsOn });
    expect(earliestCloseDate([gate('fail', '2027-02-18')], TIME_GATED_CHECKS, '2026-11-26')).toBe('2027-02-18');
    expect(earliestCloseDate([gate('pass', '2026-10-01')], TIME_GATED_CHECKS, '2026-11-26')).toBe('2026-11-26');
    expect(earliestCloseDate([], TIME_GATED_CHECKS, '2026-11-26')).toBe('2026-11-26');
    expect(earliestCloseDate([gate('unknown', null)], TIME_GATED_CHECKS, '2026-11-26')).toBeNull();
  });
});

describe('evaluateReadiness', () => {
  it('never says ready when the source can tell nothing, even with everything attested', async () => {
    const readiness = await evaluateReadiness(blindSource(), { asOf: '2026-11-26', t, attested: allConfirmable });
    expect(readiness.verdict).toBe('blocked');
    expect(readiness.earliestCloseDate).toBeNull();
    for (const check of readiness.checks) expect(check.status).not.toBe('pass');
    const byId = Object.fromEntries(readiness.checks.map((c) => [c.id, c.status]));
    expect(byId).toMatchObject({ 'open-orders': 'unknown', 'last-sale-window': 'unknown', 'fba-inventory': 'unknown', balance: 'unknown', listings: 'unknown' });
    expect(readiness.checks.find((c) => c.id === 'open-orders')!.remediation).toContain('All Orders');
  });

  it('turns what only the seller knows into manual questions, not passes', async () => {
    const readiness = await evaluateReadiness(blindSource(true), { asOf: '2026-11-26', t, attested: new Set() });
    const claims = readiness.checks.find((c) => c.id === 'claims')!;
    expect(claims).toMatchObject({ status: 'manual', confirmed: false });
    // Asking the seller does not make order data appear: those stay unknown.
    expect(readiness.checks.find((c) => c.id === 'open-orders')!.status).toBe('unknown');
  });

  it('reports every check once, in catalogue order', async () => {
    const readiness = await evaluateReadiness(createDemoAdapter('ready'), { asOf: '2026-11-26', t, attested: new Set() });
    expect(readiness.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
  });

  it('demo scenarios: blocked with a date, waiting on the 90 days, ready once confirmed', async () => {
    const blocked = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: '2026-11-26', t, attested: allConfirmable });
    expect(blocked.verdict).toBe('blocked');
    expect(blocked.earliestCloseDate).toBe('2027-02-18');
    const failing = blocked.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failing).toEqual(['open-orders', 'last-sale-window', 'returns-refunds', 'claims', 'fba-inventory', 'removal-orders', 'listings', 'balance', 'performance-notifications']);

    const waiting = await evaluateReadiness(createDemoAdapter('waiting'), { asOf: '2026-11-26', t, attested: allConfirmable });
    expect(waiting.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['last-sale-window']);
    expect(waiting.earliestCloseDate).toBe('2026-12-31');
    const later = await evaluateReadiness(createDemoAdapter('waiting'), { asOf: '2026-12-31', t, attested: allConfirmable });
    expect(later.verdict).toBe('ready');

    const ready = await evaluateReadiness(createDemoAdapter('ready'), { asOf: '2026-11-26', t, attested: new Set() });
    expect(ready.verdict).toBe('needs-confirmation');
    expect(withConfirmations(ready, allConfirmable, t).verdict).toBe('ready');
  });

  it('reports progress for each check', async () => {
    const seen: string[] = [];
    await evaluateReadiness(createDemoAdapter('ready'), { asOf: '2026-11-26', t, attested: new Set(), onProgress: (e) => e.result && seen.push(e.id) });
    expect(new Set(seen)).toEqual(new Set(CHECK_IDS));
  });
});
