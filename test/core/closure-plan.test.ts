import { describe, expect, it } from 'vitest';
import { createDemoAdapter } from '../../src/adapters/demo/demo-adapter.js';
import { buildClosurePlan, PLAN_STEPS } from '../../src/core/closure-plan.js';
import type { CheckId } from '../../src/core/check-result.js';
import { addDays } from '../../src/core/dates.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { planCalendar } from '../../src/render/plan-calendar.js';
import { t } from '../helpers/records.js';

const confirmable = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims', 'marketplaces', 'balance']);

describe('the closure plan', () => {
  it('orders the steps so that nothing is lost, and dates each one', async () => {
    const readiness = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: '2026-11-26', t, attested: new Set() });
    const plan = buildClosurePlan(readiness);
    const ids = plan.steps.map((s) => s.id);
    expect(ids[0]).toBe('close-listings');
    expect(ids.indexOf('remove-fba-stock')).toBeGreaterThan(ids.indexOf('close-listings'));
    expect(ids.slice(-2)).toEqual(['download-records', 'submit']);
    const step = (id: string) => plan.steps.find((s) => s.id === id)!;
    // Removals start once listings are closed, and take Amazon's 90 days.
    expect(step('remove-fba-stock')).toMatchObject({ startOn: '2026-11-27', doneBy: '2027-02-25' });
    expect(step('wait-last-sale').doneBy).toBe('2027-02-18');
    // The balance settles one cycle after the last money moves (here the removals).
    expect(step('settle-balance')).toMatchObject({ startOn: '2027-02-25', doneBy: '2027-03-11' });
    expect(plan.closeOn).toBe('2027-03-11');
    expect(plan.complete).toBe(true);
  });

  it('carried out on the demo seller, ends in ready on the day it predicted, and not before the 90 days', async () => {
    const readiness = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: '2026-11-26', t, attested: new Set() });
    const plan = buildClosurePlan(readiness);
    const done = new Set<string>(PLAN_STEPS);
    const onTheDay = await evaluateReadiness(createDemoAdapter('blocked', done), { asOf: plan.closeOn, t, attested: confirmable });
    expect(onTheDay.verdict).toBe('ready');
    const tooEarly = await evaluateReadiness(createDemoAdapter('blocked', done), { asOf: addDays('2027-02-18', -1), t, attested: confirmable });
    expect(tooEarly.verdict).toBe('blocked');
    expect(tooEarly.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['last-sale-window']);
  });

  it('waits on the EU removal fees where the account is European', async () => {
    const readiness = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: '2026-11-26', t, attested: new Set() });
    const european = { ...readiness, regions: [{ region: 'europe' as const, countries: ['UK'], marketplaceIds: ['A1F83G8C2ARO7P'] }, ...readiness.regions] };
    const plan = buildClosurePlan(european);
    // Removals done 2027-02-25, fees billed up to 45 days later, then one settlement cycle.
    expect(plan.steps.find((s) => s.id === 'settle-balance')).toMatchObject({ startOn: '2027-04-11', doneBy: '2027-04-25' });
  });

  it('has nothing to do for a ready seller but confirm and submit', async () => {
    const readiness = await evaluateReadiness(createDemoAdapter('ready'), { asOf: '2026-11-26', t, attested: new Set() });
    const plan = buildClosurePlan(readiness);
    expect(plan.steps.map((s) => s.id)).toEqual(['confirm', 'download-records', 'submit']);
    expect(plan.closeOn).toBe('2026-11-26');
  });

  it('writes valid iCalendar: CRLF, folded lines, one event per date', async () => {
    const readiness = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: '2026-11-26', t, attested: new Set() });
    const plan = buildClosurePlan(readiness);
    const ics = planCalendar(plan, t, new Date('2026-11-26T12:00:00Z'));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(plan.steps.length);
    expect(ics).toContain('DTSTART;VALUE=DATE:20270311');
    expect(ics).toContain('SUMMARY:Earliest closure: check again and submit the closure request');
  });
});
