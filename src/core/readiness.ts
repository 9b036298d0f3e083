// Runs every precondition check against one seller-data source and reaches a verdict.

import { CHECK_IDS, checkResult, dataSentenceOf, withDataSentence, type CheckId, type CheckResult } from './check-result.js';
import type { CheckContext } from './check-context.js';
import { addDays, type IsoDate } from './dates.js';
import type { ClosureRegion } from './marketplaces.js';
import type { AccountInfo, Evidence, Provision } from './seller-data.js';
import type { AdapterId, SellerDataSource } from './seller-data-source.js';
import { checkBalance } from './checks/balance.js';
import { checkClaims } from './checks/claims.js';
import { checkDataExport, type ArchiveEvidence } from './checks/data-export.js';
import { CHARGES_SINCE_DAYS, checkHiddenCharges } from './checks/hidden-charges.js';
import { checkPerformanceNotifications } from './checks/performance-notifications.js';
import { checkFbaInventory } from './checks/fba-inventory.js';
import { checkLastSaleWindow } from './checks/last-sale-window.js';
import { checkListings } from './checks/listings.js';
import { manualCheck, MANUAL_ONLY_CHECKS, type ConfirmableCheckId } from './checks/manual.js';
import { checkMarketplaces, groupByClosureRegion, type RegionGroup } from './checks/marketplaces.js';
import { checkOpenOrders } from './checks/open-orders.js';
import { summarizeOrders } from './checks/orders-summary.js';
import { checkRemovalOrders } from './checks/removal-orders.js';
import { checkReturnsRefunds } from './checks/returns-refunds.js';
import { earliestCloseDate, verdictOf, type Verdict } from './verdict.js';
import { laterOf } from './dates.js';
import type { AccountHealth, Charge, DeferredFunds } from './seller-data.js';
import { translateRef } from '../messages/catalogue.js';

export const TIME_GATED_CHECKS: ReadonlySet<CheckId> = new Set(['last-sale-window']);

/** How far back orders are read: the 90-day window plus a margin (closure-rules.md §11). */
export const ORDER_LOOKBACK_DAYS = 120;

export interface Readiness {
  adapter: AdapterId;
  isDemo: boolean;
  asOf: IsoDate;
  account: AccountInfo;
  regions: RegionGroup[];
  checks: CheckResult[];
  verdict: Verdict;
  earliestCloseDate: IsoDate | null;
}

export interface EvaluateOptions extends CheckContext {
  /** Manual checks the seller has confirmed. */
  attested: ReadonlySet<CheckId>;
  /**
   * The day the data is read (today). A later as-of moves the clock, not the data: orders are
   * looked back from this day, so an order the data shows open is never left out as too old.
   */
  dataDay?: IsoDate;
  onProgress?: (event: { id: CheckId; result?: CheckResult }) => void;
  /** The seller's verified archive, if there is one: data-export is then judged from it (checks/data-export.ts). */
  archive?: (sellerId: string | null) => Promise<ArchiveEvidence | null>;
  /**
   * The seller the user named (--seller-id, the config file): stands in for the data's own seller
   * only where the data names none (report files never do), so that their archive can be found.
   * Never guessed: without it, data-export stays the seller's confirmation and says why.
   */
  statedSellerId?: string | null;
}

export async function evaluateReadiness(source: SellerDataSource, options: EvaluateOptions): Promise<Readiness> {
  const { t, attested, onProgress } = options;
  const ctx: CheckContext = { asOf: options.asOf, t };
  const checks: CheckResult[] = [];
  const record = (result: CheckResult) => {
    checks.push(result);
    onProgress?.({ id: result.id, result });
  };
  const starting = (id: CheckId) => onProgress?.({ id });

  /** An unavailable source becomes a manual question or an unknown, never a pass. */
  const unavailable = (id: CheckId, provision: Extract<Provision<unknown>, { available: false }>): CheckResult => {
    if (provision.askSeller && isConfirmable(id)) return manualCheck(id, attested.has(id), ctx, provision.reason, provision.dataShows === true);
    return checkResult(id, 'unknown', t('check.unknown', { reason: translateRef(t, provision.reason) }), {
      remediation: t(`check.${id}.unknown-fix` as UnknownFixKey),
    });
  };

  /**
   * Names the files a result was read from, and lets what they could not account for turn a
   * pass (and, for evidence too old, a fail) into unknown: only data that proves it passes.
   */
  const judged = (result: CheckResult, provision: { evidence?: () => Evidence }): CheckResult => {
    if (!provision.evidence) return result;
    const evidence = provision.evidence();
    const doubts = evidence.doubts.filter((d) => (d.check === undefined || d.check === result.id) && (result.status === 'pass' || (result.status === 'fail' && d.overridesFail)));
    const reasons = [...new Set(doubts.map((d) => translateRef(t, d.reason)))];
    const base = reasons.length === 0 ? result : checkResult(result.id, 'unknown', t('check.unknown', { reason: reasons.join('; ') }), { remediation: t('check.evidence-fix') });
    return { ...base, evidence: { files: evidence.files } };
  };

  const account = await source.account();

  starting('open-orders');
  const readOn = options.dataDay !== undefined && options.dataDay < options.asOf ? options.dataDay : options.asOf;
  const since = addDays(readOn, -ORDER_LOOKBACK_DAYS);
  const orders = await source.orders(since);
  if (orders.available) {
    const summary = await summarizeOrders(orders.data);
    record(judged(checkOpenOrders(summary, since, ctx), orders));
    starting('last-sale-window');
    const coversFrom = typeof orders.coversFrom === 'function' ? orders.coversFrom() : (orders.coversFrom ?? null);
    record(judged(checkLastSaleWindow(summary, coversFrom, ctx), orders));
  } else {
    record(unavailable('open-orders', orders));
    record(unavailable('last-sale-window', orders));
  }

  // After the orders: a source may learn its marketplaces from them (report files do).
  starting('marketplaces');
  const participations = await source.marketplaces();
  const regions = participations.available ? groupByClosureRegion(participations.data) : [];
  const homeRegion: ClosureRegion | null = regions[0]?.region ?? null;

  starting('returns-refunds');
  const returns = await source.returns();
  record(returns.available ? judged(await checkReturnsRefunds(returns.data, ctx), returns) : unavailable('returns-refunds', returns));

  // Account health feeds two checks: claims (its claim and chargeback counts) and performance-notifications.
  const health: Provision<AccountHealth> = source.accountHealth ? await source.accountHealth() : { available: false, reason: { key: 'check.no-health-data' }, askSeller: true };

  starting('claims');
  const claims = await source.claims();
  record(await checkClaims({ claims, health, attested: attested.has('claims'), dataDay: options.dataDay }, ctx));

  starting('performance-notifications');
  record(health.available ? checkPerformanceNotifications(health.data, attested.has('performance-notifications'), ctx) : unavailable('performance-notifications', health));

  starting('fba-inventory');
  const inventory = await source.inventory();
  record(inventory.available ? judged(await checkFbaInventory(inventory.data, ctx), inventory) : unavailable('fba-inventory', inventory));

  starting('removal-orders');
  const removals = await source.removalOrders();
  record(removals.available ? judged(await checkRemovalOrders(removals.data, ctx), removals) : unavailable('removal-orders', removals));

  starting('listings');
  const listings = await source.listings();
  record(listings.available ? judged(await checkListings(listings.data, ctx), listings) : unavailable('listings', listings));

  starting('balance');
  const balance = await source.balance();
  const deferred: Provision<DeferredFunds[]> | null = source.deferredFunds ? await source.deferredFunds() : null;
  record(balance.available ? judged(checkBalance(balance.data, ctx, deferred), balance) : unavailable('balance', balance));

  starting('hidden-charges');
  const charges: Provision<Charge[]> = source.charges ? await source.charges(addDays(readOn, -CHARGES_SINCE_DAYS)) : { available: false, reason: { key: 'check.no-charges-data' } };
  // Ads billed in the 60 days before the data was read, not before a later as-of day the data never reaches.
  record(charges.available ? judged(checkHiddenCharges(charges, { ...ctx, asOf: readOn }), charges) : checkHiddenCharges(charges, { ...ctx, asOf: readOn }));

  const marketplaces = participations.available ? judged(checkMarketplaces(participations.data, homeRegion, ctx), participations) : unavailable('marketplaces', participations);
  record(marketplaces);
  // Regions the data cannot vouch for (no marketplace known, a report set aside) are not "none".
  const regionsKnown = marketplaces.status === 'pass' || marketplaces.status === 'warn' ? regions.map((r) => r.region) : null;

  const archiveSeller = account.sellerId ?? options.statedSellerId ?? null;
  const archive = archiveSeller ? ((await options.archive?.(archiveSeller)) ?? null) : null;
  for (const id of MANUAL_ONLY_CHECKS) {
    if (checks.some((c) => c.id === id)) continue;
    if (id === 'data-export' && archive) record(checkDataExport(archive, regionsKnown, attested.has(id), ctx));
    // No seller to look an archive up by: the question says so, and how to name one.
    else if (id === 'data-export' && options.archive && !archiveSeller) record(manualCheck(id, attested.has(id), ctx, { key: 'check.data-export.no-seller' }));
    else record(manualCheck(id, attested.has(id), ctx));
  }

  // Present results in the catalogue's order whatever order the data arrived in.
  checks.sort((a, b) => CHECK_IDS.indexOf(a.id) - CHECK_IDS.indexOf(b.id));
  return {
    adapter: source.id,
    isDemo: source.isDemo,
    asOf: options.asOf,
    account,
    regions,
    checks,
    verdict: verdictOf(checks),
    earliestCloseDate: closeDate(checks, options.asOf),
  };
}

/**
 * The earliest closure day: the time-gated checks' (verdict.ts), and no earlier than the day
 * deferred money is released (balance.clearsOn), since the balance cannot settle before it.
 */
function closeDate(checks: readonly CheckResult[], asOf: IsoDate): IsoDate | null {
  const earliest = earliestCloseDate(checks, TIME_GATED_CHECKS, asOf);
  const balance = checks.find((c) => c.id === 'balance');
  return earliest !== null && balance?.clearsOn ? laterOf(earliest, balance.clearsOn) : earliest;
}

const CONFIRMABLE: ReadonlySet<CheckId> = new Set<CheckId>([...MANUAL_ONLY_CHECKS, 'claims', 'marketplaces', 'balance']);

export function isConfirmable(id: CheckId): id is ConfirmableCheckId {
  return CONFIRMABLE.has(id);
}

type DataCheckId = Exclude<CheckId, (typeof MANUAL_ONLY_CHECKS)[number]>;
type UnknownFixKey = `check.${DataCheckId}.unknown-fix`;

/** The same readiness with more manual checks confirmed (answers given in the wizard). */
export function withConfirmations(readiness: Readiness, confirmed: Iterable<CheckId>, t: CheckContext['t']): Readiness {
  const ids = new Set(confirmed);
  const ctx: CheckContext = { asOf: readiness.asOf, t };
  // A confirmation of what the data showed keeps what it listed, and then rests on both.
  const checks = readiness.checks.map((check) => {
    if (!(check.status === 'manual' && ids.has(check.id) && isConfirmable(check.id))) return check;
    const confirmed = manualCheck(check.id, true, ctx);
    // What the data said before the question stays beside the confirmation (as with --attest).
    const says = dataSentenceOf(check);
    if (says !== null) {
      const summary = t('text.two-sentences', { first: confirmed.summary, second: says });
      return withDataSentence({ ...confirmed, summary, count: check.count, items: check.items, basis: 'both' as const }, says);
    }
    return check.items.length > 0 ? { ...confirmed, count: check.count, items: check.items, basis: 'both' as const } : confirmed;
  });
  return { ...readiness, checks, verdict: verdictOf(checks) };
}
