// From "blocked" to a dated plan: the steps that clear every blocker, in the order that loses
// nothing (close listings first: a live FBA listing keeps selling while its units are removed),
// each with where to do it in Seller Central, what it concerns, and when it should be done; the
// plan ends on the earliest realistic closure date. Durations are Amazon's where it gives them
// (closure-rules.md §9, §6.1) and cautious estimates elsewhere, said so in each step.

import type { CheckId, CheckItem, CheckResult } from './check-result.js';
import { addDays, laterOf, type IsoDate } from './dates.js';
import type { Readiness } from './readiness.js';

export const PLAN_STEPS = [
  'close-listings',
  'ship-open-orders',
  'resolve-returns',
  'resolve-claims',
  'remove-fba-stock',
  'finish-removals',
  'wait-last-sale',
  'settle-balance',
  'confirm',
  'download-records',
  'submit',
  // Issue 17 (appended so that existing ids keep their order):
  'resolve-account-health',
  'stop-charges',
  'answer-late-claims',
] as const;
export type PlanStepId = (typeof PLAN_STEPS)[number];

/** Days each step takes, and why. */
export const STEP_DAYS = {
  /** "It should appear as Inactive within 24 hours" (help DJZDBNYUAS8C7QB). */
  closeListings: 1,
  /** Merchant-fulfilled orders ship within their handling time; FBA orders within days (estimate). */
  shipOrders: 3,
  /** Authorising a return and refunding is the seller's to do; the buyer has days to send it back (estimate). */
  resolveReturns: 14,
  /** "Some claims can take up to 14 days or longer" (AU G200136810). */
  resolveClaims: 14,
  /** "Removal orders may take 90 days or more to process" (G200280650). */
  removals: 90,
  /** EU removal fees are "billed within 45 days of the removal" (G200685050). */
  euRemovalFees: 45,
  /** One settlement cycle for the final disbursement (Amazon pays out every 14 days). */
  settlement: 14,
  /** Resolving account-health issues: no duration from Amazon; two weeks is an estimate. */
  accountHealth: 14,
} as const;

export interface PlanStep {
  id: PlanStepId;
  /** The checks this step clears. */
  clears: CheckId[];
  /** Records it concerns (SKUs, orders). */
  items: CheckItem[];
  startOn: IsoDate;
  doneBy: IsoDate;
  /** When to run `close-account check` again to see it cleared. */
  recheckOn: IsoDate;
}

export interface ClosurePlan {
  asOf: IsoDate;
  steps: PlanStep[];
  /** The earliest realistic closure date: when the last step is done. */
  closeOn: IsoDate;
  /** Every check is answered: nothing is unknown (else the plan cannot be complete). */
  complete: boolean;
}

const failing = (readiness: Readiness, id: CheckId): CheckResult | null => {
  const check = readiness.checks.find((c) => c.id === id);
  return check && check.status === 'fail' ? check : null;
};

export function buildClosurePlan(readiness: Readiness): ClosurePlan {
  const { asOf } = readiness;
  const steps: PlanStep[] = [];
  const add = (id: PlanStepId, clears: CheckId[], items: CheckItem[], startOn: IsoDate, doneBy: IsoDate) => {
    steps.push({ id, clears, items, startOn, doneBy, recheckOn: doneBy });
    return doneBy;
  };
  // The account's own region decides where the stock is removed from, and so the fees' timing.
  const euInvolved = readiness.regions[0]?.region === 'europe';

  const listings = failing(readiness, 'listings');
  // Closing listings first stops sales, so no new sale restarts the 90 days and stock stops selling.
  const listingsClosed = listings ? add('close-listings', ['listings'], listings.items, asOf, addDays(asOf, STEP_DAYS.closeListings)) : asOf;

  const orders = failing(readiness, 'open-orders');
  const ordersDone = orders ? add('ship-open-orders', ['open-orders'], orders.items, asOf, addDays(asOf, STEP_DAYS.shipOrders)) : asOf;

  const returns = failing(readiness, 'returns-refunds');
  const returnsDone = returns ? add('resolve-returns', ['returns-refunds'], returns.items, asOf, addDays(asOf, STEP_DAYS.resolveReturns)) : asOf;

  const claims = failing(readiness, 'claims');
  const claimsDone = claims ? add('resolve-claims', ['claims'], claims.items, asOf, addDays(asOf, STEP_DAYS.resolveClaims)) : asOf;

  const stock = failing(readiness, 'fba-inventory');
  // Removals start once the listings are closed (or orders waiting for the units would be cancelled).
  const stockGone = stock ? add('remove-fba-stock', ['fba-inventory'], stock.items, listingsClosed, addDays(listingsClosed, STEP_DAYS.removals)) : asOf;

  const removals = failing(readiness, 'removal-orders');
  let removalsDone = stockGone;
  if (removals) {
    const due = removals.items.reduce((latest, item) => laterOf(latest, addDays(String(item.requestDate ?? asOf), STEP_DAYS.removals)), asOf);
    removalsDone = laterOf(removalsDone, add('finish-removals', ['removal-orders'], removals.items, asOf, laterOf(due, asOf)));
  }

  const health = failing(readiness, 'performance-notifications');
  const healthDone = health ? add('resolve-account-health', ['performance-notifications'], health.items, asOf, addDays(asOf, STEP_DAYS.accountHealth)) : asOf;

  // Ads campaigns and a Professional plan bill on after closure: stop them now (a warning, not a blocker).
  const charges = readiness.checks.find((c) => c.id === 'hidden-charges' && c.status === 'warn' && (c.count ?? 0) > 0);
  if (charges) add('stop-charges', ['hidden-charges'], charges.items, asOf, addDays(asOf, 1));

  const window = readiness.checks.find((c) => c.id === 'last-sale-window');
  const windowClears = window?.status === 'fail' && window.clearsOn ? add('wait-last-sale', ['last-sale-window'], window.items, asOf, window.clearsOn) : asOf;

  // The balance settles after everything that moves money: sales (the 90 days), refunds, claims,
  // removal fees (billed up to 45 days later in Europe); then one last payout or repayment.
  const balance = failing(readiness, 'balance');
  // Deferred money is released on its maturity date (balance.clearsOn): not before.
  const moneyMoves = [ordersDone, returnsDone, claimsDone, windowClears, balance?.clearsOn ?? asOf, euInvolved && (stock || removals) ? addDays(removalsDone, STEP_DAYS.euRemovalFees) : removalsDone].reduce(laterOf, asOf);
  const balanceSettled =
    balance || stock || removals || orders || returns || claims
      ? add('settle-balance', ['balance'], balance?.items ?? [], moneyMoves, addDays(moneyMoves, STEP_DAYS.settlement))
      : asOf;

  const everythingElse = [listingsClosed, ordersDone, returnsDone, claimsDone, stockGone, removalsDone, windowClears, balanceSettled, healthDone].reduce(laterOf, asOf);
  const manual = readiness.checks.filter((c) => c.status === 'manual' && !c.confirmed && c.id !== 'data-export');
  if (manual.length > 0) add('confirm', manual.map((c) => c.id), [], asOf, everythingElse);
  // Records last: they should hold everything up to the closure, and access ends with it.
  const exportCheck = readiness.checks.find((c) => c.id === 'data-export');
  // With a verified archive, what is left may appear only later (the 1099-K by 31 January): the records step waits for it.
  const recordsReady = exportCheck?.clearsOn && exportCheck.clearsOn > everythingElse ? exportCheck.clearsOn : everythingElse;
  if (exportCheck && exportCheck.status !== 'pass' && !exportCheck.confirmed) add('download-records', ['data-export'], [], everythingElse, recordsReady);
  const closeOn = exportCheck && exportCheck.status !== 'pass' && !exportCheck.confirmed ? recordsReady : everythingElse;
  add('submit', [], [], closeOn, closeOn);
  // Amazon's rule dates the closure; buyers can still claim until 90 days after the latest
  // estimated delivery. That later day is in the plan, after the closure request, not before it.
  const claimable = window?.claimableUntil;
  if (claimable && claimable > closeOn) add('answer-late-claims', [], [], closeOn, claimable);

  return { asOf, steps, closeOn, complete: !readiness.checks.some((c) => c.status === 'unknown') };
}
