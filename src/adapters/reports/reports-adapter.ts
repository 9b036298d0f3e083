// Seller data from report files downloaded from Seller Central (--adapter reports). Each check's
// data is streamed from its reports; what the files cannot tell (the balance, claims) is left to
// the seller to confirm, and a missing report makes its checks unknown, never pass.
//
// Fail closed: every file of a kind is read and any of them can only make a result stricter
// (a listing in an Active Listings file fails `listings` next to an empty All Listings); each
// check names the files it was read from, their rows, the period they cover and their age; and
// what the files cannot account for (a report too old, a period that cannot be established, a
// blank no total vouches for, a file that looks like a report but could not be read) turns a
// pass into unknown.

import { addDays, daysBetween, toIsoDate, type IsoDate } from '../../core/dates.js';
import { marketplaceById } from '../../core/marketplaces.js';
import type { EvidenceFile } from '../../core/check-result.js';
import type { Doubt, Evidence, MarketplaceParticipation, Provision } from '../../core/seller-data.js';
import type { RecordStream, SellerDataSource } from '../../core/seller-data-source.js';
import type { Translate } from '../../messages/catalogue.js';
import { inventoryOf, reservedOf, type ReadingNotes } from './inventory-rows.js';
import { earliestDay, readOrders, type OrdersReading } from './orders-report.js';
import type { ReportFile } from './report-file.js';
import type { ReportKind } from './report-kinds.js';
import { claimsOf, concat, listingsOf, removalsOf, returnsOf, showsClaims } from './report-readers.js';
import { scanReportsFolder, type SkippedFile } from './reports-folder.js';
import { heldReserves, lastSettlements, mergeSettlements, overlappingSettlements, readSettlements, settlementBalance, type Settlement, type SettlementBalance, type SettlementMarketplaces, type SettlementTransactions } from './settlement-report.js';
import { formatAmount } from '../../core/checks/balance.js';
import { ADS_LOOKBACK_DAYS, CHARGES_SINCE_DAYS } from '../../core/checks/hidden-charges.js';
import { readDateRange, type DateRangeReading } from './date-range-report.js';
import { acrossFiles } from './across-files.js';
import type { Claim } from '../../core/seller-data.js';

interface SettlementReading {
  files: ReportFile[];
  /** The first day each file covers (its earliest settlement's start). */
  from: Map<ReportFile, IsoDate>;
  last: Settlement[];
  /** Two settlements of one series over the same days: which is the last cannot be told. */
  overlap: [Settlement, Settlement] | null;
  balance: SettlementBalance;
}
import type { Encoding } from './text-encoding.js';
import { STALE_AFTER_DAYS } from './stale-after.js';

export interface ReportsAdapterOptions {
  dir: string;
  encoding: Encoding | null;
  t: Translate;
  /** Where warnings go (unknown files, old reports): stderr, through the command. */
  warn: (message: string) => void;
  now: Date;
  /** The day the checks evaluate as of (default: today); report ages are counted to it. */
  asOf?: IsoDate;
  /** Evidence older than this many days before the as-of day proves nothing (--max-report-age). */
  maxReportAgeDays?: number;
}

/** Why a file was set aside, as the doubt it casts on the checks of the kinds it may be: by default, a look-alike unread. */
const UNREAD_KEYS: Partial<Record<SkippedFile['reason'], 'reports.unread-empty' | 'reports.unread-entry' | 'reports.unread-folder' | 'reports.unread-archive' | 'reports.unread-error-page'>> = {
  empty: 'reports.unread-empty',
  unreadable: 'reports.unread-entry',
  folder: 'reports.unread-folder',
  archive: 'reports.unread-archive',
  'error-page': 'reports.unread-error-page',
};

/**
 * Reports Seller Central makes per marketplace: listings and stock (each a snapshot of the day
 * it was made), returns and removal orders (one marketplace per report, as the SP-API serves them).
 */
const SNAPSHOT_PER_MARKETPLACE: ReadonlySet<ReportKind> = new Set(['all-listings', 'fba-inventory', 'returns', 'removal-orders']);

/** The reports each provision reads; the first kind of each is the one that can prove a pass. */
const SOURCES = {
  orders: ['all-orders'],
  listings: ['all-listings', 'active-listings'],
  inventory: ['fba-inventory', 'reserved-inventory'],
  removals: ['removal-orders'],
  returns: ['returns'],
} as const satisfies Record<string, readonly ReportKind[]>;

export async function createReportsAdapter(options: ReportsAdapterOptions): Promise<SellerDataSource> {
  const { t, warn } = options;
  const asOf = options.asOf ?? toIsoDate(options.now);
  const maxAge = options.maxReportAgeDays ?? STALE_AFTER_DAYS;
  const folder = await scanReportsFolder(options.dir, options.encoding, t);
  const files = (kind: ReportKind) => folder.byKind.get(kind) ?? [];
  const missing = (kind: ReportKind): Provision<never> => ({
    available: false,
    reason: { key: 'reports.missing', params: { report: t(`reports.kind.${kind}`) } },
  });
  /** Files of these kinds set aside unread (a damaged one, a folder that may hold one): not their age. */
  const unreadOf = (kinds: readonly ReportKind[]): Doubt[] => standingDoubts(kinds).filter((doubt) => doubt.reason.key !== 'reports.too-old');
  /** Kinds with no file read: what was set aside as a damaged one of them, if any, is the reason, not that there is none. */
  const missingOrUnread = (kinds: readonly ReportKind[]): Provision<never> => {
    const unread = unreadOf(kinds)[0];
    return unread ? { available: false, reason: unread.reason } : missing(kinds[0]!);
  };
  const fileDay = (file: ReportFile) => toIsoDate(file.modified);
  const ageOf = (file: ReportFile) => Math.max(0, daysBetween(fileDay(file), asOf));

  for (const skipped of folder.skipped) warn(t(`reports.skipped.${skipped.reason}`, { file: skipped.name, code: skipped.code ?? '' }));
  for (const [kind, list] of folder.byKind) {
    // A settlement report is dated by the settlements in it, not by when it was downloaded.
    if (kind === 'settlement') continue;
    for (const file of list) if (ageOf(file) > maxAge) warn(t('reports.stale', { file: file.name, days: ageOf(file) }));
  }

  /** The newest file of a kind: the one whose age decides whether the evidence is fresh. */
  const newest = (kind: ReportKind): ReportFile | null => files(kind).reduce<ReportFile | null>((a, b) => (a && a.modified >= b.modified ? a : b), null);

  /** Doubts every read of these kinds carries: the newest report too old, a look-alike file unread. */
  const standingDoubts = (kinds: readonly ReportKind[]): Doubt[] => {
    const doubts: Doubt[] = [];
    const proving = newest(kinds[0]!);
    if (proving && ageOf(proving) > maxAge) {
      doubts.push({ reason: { key: 'reports.too-old', params: { file: proving.name, days: ageOf(proving), max: maxAge, report: t(`reports.kind.${kinds[0]!}`) } }, overridesFail: true });
    }
    // Listings, stock, returns and removals come one report per marketplace, and a file does not say which: an
    // older file beside a newer one may be another marketplace's, so it too must be fresh to
    // pass (it can still fail: what it shows was there when it was made).
    if (SNAPSHOT_PER_MARKETPLACE.has(kinds[0]!)) {
      for (const file of files(kinds[0]!)) {
        if (file !== proving && ageOf(file) > maxAge) {
          doubts.push({ reason: { key: 'reports.too-old-other', params: { file: file.name, days: ageOf(file), max: maxAge, report: t(`reports.kind.${kinds[0]!}`) } } });
        }
      }
    }
    for (const skipped of folder.skipped) {
      if (skipped.kinds?.some((kind) => kinds.includes(kind))) {
        const params = { file: skipped.name, report: t(`reports.kind.${kinds[0]!}`) };
        doubts.push({ reason: { key: UNREAD_KEYS[skipped.reason] ?? 'reports.unread-lookalike', params } });
      }
    }
    return doubts;
  };

  const evidenceFile = (file: ReportFile, from: IsoDate | null): EvidenceFile => ({
    file: file.name,
    kind: file.spec!.kind,
    rows: file.rows,
    from,
    to: fileDay(file),
    ageDays: ageOf(file),
  });

  /**
   * Every file of the kinds, one after the other, counted, with what it could not account for.
   * `from` gives the first day a file covers (snapshots: the day it was made).
   */
  function readAll<T>(kinds: readonly ReportKind[], read: (file: ReportFile, notes: ReadingNotes) => RecordStream<T>, dayOf?: (item: T) => IsoDate) {
    const list = kinds.flatMap((kind) => files(kind));
    const notes: ReadingNotes = { doubts: [] };
    const earliest = new Map<ReportFile, IsoDate>();
    async function* stream(): RecordStream<T> {
      for (const file of list) {
        for await (const batch of read(file, notes)) {
          if (dayOf) {
            for (const item of batch) {
              const day = dayOf(item);
              const known = earliest.get(file);
              if (known === undefined || day < known) earliest.set(file, day);
            }
          }
          yield batch;
        }
      }
    }
    const evidence = (): Evidence => ({
      files: list.map((file) => evidenceFile(file, dayOf ? (earliest.get(file) ?? fileDay(file)) : fileDay(file))),
      doubts: [...standingDoubts(kinds), ...notes.doubts],
    });
    return { stream: stream(), evidence };
  }

  // Reading the orders also learns the marketplaces (from the sales channels) and how far back
  // the reports reach, so that neither needs a second pass over a large file.
  let marketplacesSeen: Set<string> | null = null;
  /** Sales channels of no known marketplace, per file, once the orders have been read. */
  let channelsUnknown: Map<ReportFile, Set<string>> | null = null;
  /** The first line of an order with a blank sales channel, per file that has one. */
  let channelsBlank: Map<ReportFile, number> | null = null;
  const allOrders = (since: string | null) => {
    const readings = new Map<ReportFile, OrdersReading>();
    const marketplaces = new Set<string>();
    async function* stream(): RecordStream<import('../../core/seller-data.js').Order> {
      for (const file of files('all-orders')) {
        const reading: OrdersReading = { marketplaces, earliestTime: Infinity, unknownChannels: new Set() };
        readings.set(file, reading);
        yield* readOrders(file, since, reading);
      }
      marketplacesSeen = marketplaces;
      channelsUnknown = new Map([...readings].map(([file, reading]) => [file, reading.unknownChannels ?? new Set<string>()]));
      channelsBlank = new Map([...readings].flatMap(([file, reading]) => (reading.blankChannelLine === undefined ? [] : [[file, reading.blankChannelLine] as const])));
    }
    return { readings, marketplaces, stream: stream() };
  };

  /** The marketplaces the orders show, read from them once (usually while the order checks run). */
  const learnMarketplaces = async () => {
    if (marketplacesSeen || files('all-orders').length === 0) return;
    const { stream } = allOrders(null);
    for await (const _ of stream); // read only for the sales channels
  };

  /**
   * The first day the orders files together cover without a gap, back from the newest: each
   * covers from its earliest last update to the day it was made.
   */
  const orderCoverage = (readings: Map<ReportFile, OrdersReading>): IsoDate | null => {
    const spans = [...readings].map(([file, reading]) => ({ from: reading.periodKnown ? (earliestDay(reading) ?? fileDay(file)) : fileDay(file), to: fileDay(file) }));
    return spans.length === 0 ? null : reachedBack(spans);
  };

  /** The Date Range transaction reports, read once for claims and charges; null when the folder has none. */
  let dateRangeReading: Promise<{ file: ReportFile; reading: DateRangeReading }[] | null> | null = null;
  const dateRanges = () =>
    (dateRangeReading ??= (async () => {
      const list = files('date-range');
      if (list.length === 0) return null;
      const out: { file: ReportFile; reading: DateRangeReading }[] = [];
      for (const file of list) out.push({ file, reading: await readDateRange(file) });
      return out;
    })());

  /** The settlement files, read once for balance and deferred funds; null when the folder has none. */
  let settlementReading: Promise<SettlementReading | null> | null = null;
  const settlements = () => (settlementReading ??= readAllSettlements());
  async function readAllSettlements(): Promise<SettlementReading | null> {
    const list = files('settlement');
    if (list.length === 0) return null;
    const found: Settlement[] = [];
    const held = heldReserves();
    const marketplaces: SettlementMarketplaces = new Map();
    const transactions: SettlementTransactions = new Map();
    const from = new Map<ReportFile, IsoDate>();
    for (const file of list) {
      const settlements = await readSettlements(file, held, marketplaces, transactions);
      found.push(...settlements);
      for (const s of settlements) if (!from.has(file) || s.start < from.get(file)!) from.set(file, s.start);
    }
    const all = mergeSettlements(found, held, marketplaces, transactions);
    const last = lastSettlements(all);
    return { files: list, from, last, overlap: overlappingSettlements(all, last), balance: settlementBalance(last, asOf) };
  }

  return {
    id: 'reports',
    isDemo: false,
    account: async () => ({ sellerId: null, displayName: null, sellingPlan: null }),
    orders: async (since) => {
      if (files('all-orders').length === 0) return missingOrUnread(SOURCES.orders);
      const { readings, stream } = allOrders(since);
      const coversFrom = () => {
        const day = orderCoverage(readings);
        return day !== null && day < since ? since : day;
      };
      const evidence = (): Evidence => {
        const doubts = standingDoubts(SOURCES.orders);
        const freshest = newest('all-orders');
        if (freshest && readings.get(freshest)?.periodKnown === false) {
          doubts.push({ reason: { key: 'reports.period-unknown', params: { file: freshest.name } }, check: 'last-sale-window' });
        }
        return {
          files: [...readings].map(([file, reading]) => evidenceFile(file, reading.periodKnown ? (earliestDay(reading) ?? fileDay(file)) : null)),
          doubts,
        };
      };
      return { available: true, data: stream, coversFrom, evidence };
    },
    marketplaces: async () => {
      if (files('all-orders').length === 0) return { ...missingOrUnread(SOURCES.orders), askSeller: true };
      await learnMarketplaces();
      const participations: MarketplaceParticipation[] = [...(marketplacesSeen ?? [])].map((marketplaceId) => ({
        marketplaceId,
        participating: true,
        hasSuspendedListings: null,
      }));
      // A set-aside All Orders file may show sales in other marketplaces: the list cannot pass beside it.
      return { available: true, data: participations, evidence: () => ({ files: [], doubts: [...standingDoubts(SOURCES.orders), ...marketplacesUntold()] }) };
    },
    inventory: async () => {
      if (files('fba-inventory').length === 0 && files('reserved-inventory').length === 0) return missingOrUnread(SOURCES.inventory);
      const { stream, evidence } = readAll(SOURCES.inventory, (file, notes) => (file.spec!.kind === 'fba-inventory' ? inventoryOf(file, notes) : reservedOf(file)));
      // Reserved Inventory shows reserved units only: units in it fail the check, its absence of units proves nothing.
      const proves = files('fba-inventory').length > 0;
      return { available: true, data: stream, evidence: () => withoutProof(evidence(), proves, 'fba-inventory') };
    },
    listings: async () => {
      if (files('all-listings').length === 0 && files('active-listings').length === 0) return missingOrUnread(SOURCES.listings);
      // Which marketplaces need a report of their own: known from the orders, read for it if not yet.
      await learnMarketplaces();
      const { stream, evidence } = readAll(SOURCES.listings, listingsOf);
      // Active Listings cannot show inactive listings: it proves listings are left, never that none are.
      const proves = files('all-listings').length > 0;
      return { available: true, data: stream, evidence: () => perMarketplace(withoutProof(evidence(), proves, 'all-listings')) };
    },
    removalOrders: async () => {
      if (files('removal-orders').length === 0) return missingOrUnread(SOURCES.removals);
      const { stream, evidence } = readAll(SOURCES.removals, removalsOf, (line) => line.requestDate);
      return { available: true, data: stream, evidence };
    },
    returns: async () => {
      if (files('returns').length === 0) return missingOrUnread(SOURCES.returns);
      const { stream, evidence } = readAll(SOURCES.returns, returnsOf, (request) => request.requestDate);
      return { available: true, data: stream, evidence };
    },
    // Returns reports with the A-to-Z Claim column show claims on seller-fulfilled returns (issue
    // 17): a flagged one fails the check whatever is attested; none flagged is shown, then asked.
    // The Date Range transaction report adds the chargebacks and A-to-z payments Amazon decided: listed, then asked.
    claims: async () => {
      const showing = files('returns').filter(showsClaims);
      const ranges = files('date-range');
      // A Returns or Date Range report set aside as unreadable may hold the claims the others do not.
      const unread = [...unreadOf(SOURCES.returns), ...unreadOf(['date-range'])];
      // None read: the file set aside is what the data shows (named in the sentence kept beside the seller's answer).
      if (showing.length === 0 && ranges.length === 0) return unread[0] ? { available: false, reason: unread[0].reason, askSeller: true, dataShows: true } : { available: false, reason: { key: 'reports.no-claims' }, askSeller: true };
      async function* fromRanges(): RecordStream<Claim> {
        const reading = await dateRanges();
        const claims = acrossFiles((reading ?? []).map(({ reading: one }) => ({ items: one.claims, rows: one.claimRows })));
        if (claims.length > 0) yield claims;
      }
      async function* both(): RecordStream<Claim> {
        yield* concat(showing, claimsOf);
        yield* fromRanges();
      }
      return { available: true, data: both(), evidence: () => ({ files: [], doubts: unread }) };
    },
    charges: async (since) => {
      const readings = await dateRanges();
      if (readings === null) return missingOrUnread(['date-range']);
      // Ads are looked for over the 60 days before the data is read: the reports must reach that far back.
      const needed = addDays(since, CHARGES_SINCE_DAYS - ADS_LOOKBACK_DAYS);
      const evidence = (): Evidence => {
        const doubts = standingDoubts(['date-range']);
        const reach = readings.map((r) => r.reading.earliest).reduce<IsoDate | null>((a, b) => (b !== null && (a === null || b < a) ? b : a), null);
        if (reach === null || reach > needed) doubts.push({ reason: { key: 'reports.date-range-short', params: { from: reach ?? '-', needed } } });
        else {
          // Several reports reach back far enough together only without a gap between them: days no file's rows span may hold an ads charge.
          const gap = dateRangeGap(readings.map((r) => r.reading), needed);
          if (gap) doubts.push({ reason: { key: 'reports.date-range-gap', params: gap } });
        }
        // A report generated for a range that ended long ago is fresh by its file day yet shows
        // nothing of the window: its rows must reach into the 60 days at least.
        const end = readings.map((r) => r.reading.latest).reduce<IsoDate | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
        if (end !== null && end < needed) doubts.push({ reason: { key: 'reports.date-range-ends-early', params: { to: end, needed } } });
        for (const { file, reading } of readings) {
          if (reading.unknownTypes.size > 0) doubts.push({ reason: { key: 'reports.date-range-unknown-types', params: { file: file.name, types: [...reading.unknownTypes].slice(0, 5).join(', ') } } });
        }
        return { files: readings.map(({ file, reading }) => evidenceFile(file, reading.earliest ?? fileDay(file))), doubts };
      };
      const charges = acrossFiles(readings.map(({ reading }) => ({ items: reading.charges, rows: reading.chargeRows })));
      return { available: true, data: charges.filter((c) => c.postedOn >= since), evidence };
    },
    balance: async () => {
      // A file set aside that may be a settlement report: said as what it is (the old flat file, a folder, an empty file, a look-alike).
      const unread = folder.skipped.find((skipped) => skipped.kinds?.includes('settlement'));
      if (unread) return { available: false, reason: unread.reason === 'old-settlement' ? { key: 'reports.old-settlement', params: { file: unread.name } } : unreadOf(['settlement'])[0]!.reason };
      const reading = await settlements();
      if (reading === null) return { available: false, reason: { key: 'reports.no-balance' }, askSeller: true };
      if (reading.overlap) {
        const [first, second] = reading.overlap;
        const params = { first: first.settlementId, firstFile: first.source.name, second: second.settlementId, secondFile: second.source.name, from: first.start > second.start ? first.start : second.start, to: first.end < second.end ? first.end : second.end, currency: first.currency };
        return { available: false, reason: { key: 'reports.settlement-overlap', params } };
      }
      if (reading.last.length === 0) return { available: false, reason: { key: 'reports.settlement-no-total', params: { files: reading.files.map((f) => f.name).join(', ') } } };
      const evidence = (): Evidence => ({ files: reading.files.map((file) => evidenceFile(file, reading.from.get(file) ?? fileDay(file))), doubts: [] });
      // What the last settlements show is a problem (owed, held, not yet paid): the check fails on it, whatever is attested.
      if (!reading.balance.clean) return { available: true, data: reading.balance.entries, evidence };
      // Nothing wrong up to their end: they cannot show what came in since, so the seller confirms, shown them first.
      const shown = reading.last.map((s) => t('reports.settlement-line', { amount: formatAmount(s.total, s.currency), from: s.start, to: s.end, deposit: s.deposit })).join('; ');
      return { available: false, reason: { key: 'reports.settlement-shows', params: { settlements: shown } }, askSeller: true, dataShows: true };
    },
    deferredFunds: async () => {
      const reading = await settlements();
      if (reading === null) return { available: false, reason: { key: 'reports.no-balance' } };
      return { available: true, data: reading.balance.deferred };
    },
    close: async () => {},
  };

  /**
   * Seller Central makes one All Listings report per marketplace, and nothing in the file says
   * which: fewer All Listings files than the marketplaces the orders show sales in cannot show
   * that every marketplace's listings are gone (an empty US report says nothing of Canada).
   */
  function perMarketplace(given: Evidence): Evidence {
    // The marketplaces are known from the orders: an All Orders file set aside may show sales in more.
    const unreadOrders = unreadOf(SOURCES.orders);
    // No orders read, or orders that do not say where every sale was: how many reports are needed cannot be told.
    const untold = files('all-orders').length === 0 ? (unreadOrders.length === 0 ? [{ reason: { key: 'reports.marketplaces-unknown' } } satisfies Doubt] : []) : marketplacesUntold();
    const evidence = unreadOrders.length + untold.length === 0 ? given : { ...given, doubts: [...given.doubts, ...unreadOrders, ...untold] };
    const sold = [...(marketplacesSeen ?? [])];
    const reports = files('all-listings').length;
    if (reports === 0 || sold.length <= reports) return evidence;
    const names = sold.map((id) => marketplaceById(id)?.country ?? id).sort().join(', ');
    const doubt: Doubt = { reason: { key: 'reports.listings-per-marketplace', params: { files: reports, count: sold.length, marketplaces: names } } };
    return { ...evidence, doubts: [...evidence.doubts, doubt] };
  }

  /** What keeps the orders read from telling every marketplace sold in: a file without sales channels, a channel of no known marketplace, an order with none. */
  function marketplacesUntold(): Doubt[] {
    const doubts: Doubt[] = [];
    for (const file of files('all-orders')) {
      if (file.column('salesChannel') < 0) doubts.push({ reason: { key: 'reports.no-sales-channel', params: { file: file.name } } });
      const unknown = [...(channelsUnknown?.get(file) ?? [])];
      if (unknown.length > 0) doubts.push({ reason: { key: 'reports.unknown-sales-channel', params: { file: file.name, channels: unknown.slice(0, 3).join('", "') } } });
      const blankLine = channelsBlank?.get(file);
      if (blankLine !== undefined) doubts.push({ reason: { key: 'reports.blank-sales-channel', params: { file: file.name, line: blankLine } } });
    }
    return doubts;
  }

  /** Evidence from reports that can fail a check but not pass it, for want of the one that can. */
  function withoutProof(evidence: Evidence, proves: boolean, kind: ReportKind): Evidence {
    if (proves) return evidence;
    return { ...evidence, doubts: [...evidence.doubts, { reason: { key: 'reports.missing', params: { report: t(`reports.kind.${kind}`) } } }] };
  }
}

/**
 * The latest days, from `needed` on, that no Date Range report's rows span (each file covers the
 * days from its first row to its last): null when the files together cover them without a gap.
 */
export function dateRangeGap(readings: readonly Pick<DateRangeReading, 'earliest' | 'latest'>[], needed: IsoDate): { from: IsoDate; to: IsoDate } | null {
  const spans = readings.flatMap((r) => (r.earliest !== null && r.latest !== null ? [{ from: r.earliest, to: r.latest }] : []));
  if (spans.length < 2) return null;
  const from = reachedBack(spans);
  if (from <= needed) return null;
  const before = spans.filter((span) => span.to < from).map((span) => span.to).sort().at(-1);
  return { from: before === undefined ? needed : addDays(before, 1) > needed ? addDays(before, 1) : needed, to: addDays(from, -1) };
}

/**
 * The first day files cover back from the newest without a day between them: from the span that
 * ends last, as far back as spans that overlap or adjoin it (and each other) reach.
 */
function reachedBack(spans: readonly { from: IsoDate; to: IsoDate }[]): IsoDate {
  let from = spans.reduce((a, b) => (b.to > a.to ? b : a)).from;
  for (let changed = true; changed; ) {
    changed = false;
    for (const span of spans) {
      if (span.from < from && span.to >= addDays(from, -1)) {
        from = span.from;
        changed = true;
      }
    }
  }
  return from;
}
