// Amazon keeps an account open 90 days after the last sale so the A-to-z Guarantee claim period
// is honoured (closure-rules.md §4). This is the check that dates readiness.

import { addDays, dayOf, daysBetween, type IsoDate } from '../dates.js';
import { periodClearsOn } from '../sale-window.js';
import { checkResult, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { OrdersSummary } from './orders-summary.js';

export const A_TO_Z_WINDOW_DAYS = 90;

/**
 * Amazon's rule (90 days after the last sale) decides the verdict; buyers can still file an A-to-z
 * claim until 90 days after the latest estimated delivery date (Amazon customer help 201889410).
 * Where the data has delivery dates and that day is later, the result carries it as
 * `claimableUntil` with a sentence saying so: the plan and the warnings show it.
 */
export function checkLastSaleWindow(summary: OrdersSummary, coversFrom: IsoDate | null, ctx: CheckContext): CheckResult {
  const result = amazonRule(summary, coversFrom, ctx);
  if (!summary.latestDelivery || result.status === 'unknown') return result;
  const claimableUntil = periodClearsOn(Date.parse(summary.latestDelivery), A_TO_Z_WINDOW_DAYS);
  if (claimableUntil <= (result.clearsOn ?? ctx.asOf)) return result;
  const note = ctx.t('check.last-sale-window.claimable-until', { date: claimableUntil, delivery: dayOf(summary.latestDelivery) });
  return { ...result, summary: ctx.t('text.two-sentences', { first: result.summary, second: note }), claimableUntil };
}

function amazonRule(
  summary: OrdersSummary,
  coversFrom: IsoDate | null,
  { asOf, t }: CheckContext,
): CheckResult {
  const id = 'last-sale-window';
  const windowStart = addDays(asOf, -A_TO_Z_WINDOW_DAYS);
  if (!summary.lastSale) {
    // A source that cannot say how far back it reaches is trusted as far as its earliest order.
    coversFrom ??= summary.earliestPurchase ? dayOf(summary.earliestPurchase) : null;
    // No sale in the data proves nothing unless the data reaches back past the window.
    if (coversFrom !== null && coversFrom <= windowStart) {
      return checkResult(id, 'pass', t('check.last-sale-window.none', { since: coversFrom }), { count: 0 });
    }
    return checkResult(id, 'unknown', t('check.last-sale-window.uncovered', { since: coversFrom ?? '?' }), {
      remediation: t('check.last-sale-window.uncovered-fix', { days: A_TO_Z_WINDOW_DAYS + 30 }),
    });
  }
  const lastSaleDay = dayOf(summary.lastSale.purchaseDate);
  // Never shorter than 90 days in any marketplace's local time (sale-window.ts).
  const clearsOn = periodClearsOn(Date.parse(summary.lastSale.purchaseDate), A_TO_Z_WINDOW_DAYS);
  const daysSince = daysBetween(lastSaleDay, asOf);
  const item = { orderId: summary.lastSale.orderId, purchaseDate: summary.lastSale.purchaseDate };
  if (asOf >= clearsOn) {
    // A last sale found proves nothing later unless the data reaches back over the whole window; a
    // source that cannot say how far it reaches reaches as far as its earliest order, no further.
    const covers = coversFrom ?? (summary.earliestPurchase ? dayOf(summary.earliestPurchase) : null);
    if (covers === null || covers > windowStart) {
      return checkResult(id, 'unknown', t('check.last-sale-window.uncovered', { since: covers ?? '?' }), {
        remediation: t('check.last-sale-window.uncovered-fix', { days: A_TO_Z_WINDOW_DAYS + 30 }),
      });
    }
    return checkResult(id, 'pass', t('check.last-sale-window.pass', { date: lastSaleDay, days: daysSince }), {
      count: 0,
      items: [item],
      clearsOn,
    });
  }
  return checkResult(id, 'fail', t('check.last-sale-window.fail', { date: lastSaleDay, days: daysSince, clearsOn }), {
    count: 1,
    items: [item],
    clearsOn,
    remediation: t('check.last-sale-window.fix', { clearsOn }),
  });
}
