// What a closure takes away, and how much of it an archive holds: per kind of record, the period
// the archive must cover, the periods its files cover, and every gap between them. Pure: the
// archive's files are data passed in (the data-export check and the archive command share it).
//
// Periods are whole UTC days, both ends included. A period Amazon answered "no data" for (a report
// cancelled for lack of data) is covered: the archive records it as empty, which is what it was.

import { addDays, daysBetween, type IsoDate } from './dates.js';

/** The kinds of record an archive holds: the ones closure takes away first, then other Seller Central reports a folder may hold. */
export const ARCHIVE_KINDS = [
  'all-orders',
  'settlements',
  'returns',
  'removal-orders',
  'fba-reimbursements',
  'inventory-ledger',
  'seller-performance',
  'financial-events',
  'vat-transactions',
  'all-listings',
  'active-listings',
  'fba-inventory',
  'reserved-inventory',
  'fba-customer-returns',
] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** How far back each kind must reach, and how it is cut into requests (README: "What closure takes away"). */
export interface KindRule {
  kind: ArchiveKind;
  /** Days back from the archive's day the archive must reach. */
  lookbackDays: number;
  /** A snapshot (one day: the archive's own) rather than a history. */
  snapshot: boolean;
  /** Only where the region has it (VAT: Europe). */
  regions: 'all' | 'europe';
  /** Days before the archive's day the period ends: the settlement period still open has no report yet. */
  lagDays?: number;
}

export const REQUIRED_KINDS: readonly KindRule[] = [
  // As far back as the Orders API answers (two years, developer-docs changelog for Orders 2026-01-01);
  // how far the All Orders report reaches is not documented (README).
  { kind: 'all-orders', lookbackDays: 730, snapshot: false, regions: 'all' },
  // getReports lists reports created in the last 90 days, the retention of generated reports (reports_2021-06-30.json, createdSince).
  // Amazon settles every 14 days; the open period's report appears once it closes (README).
  { kind: 'settlements', lookbackDays: 90, snapshot: false, regions: 'all', lagDays: 14 },
  { kind: 'returns', lookbackDays: 730, snapshot: false, regions: 'all' },
  { kind: 'removal-orders', lookbackDays: 730, snapshot: false, regions: 'all' },
  // The reimbursements and ledger reports hold 18 months (Seller Central help; UNCONFIRMED for the API, README).
  { kind: 'fba-reimbursements', lookbackDays: 547, snapshot: false, regions: 'all' },
  { kind: 'inventory-ledger', lookbackDays: 547, snapshot: false, regions: 'all' },
  { kind: 'seller-performance', lookbackDays: 0, snapshot: true, regions: 'all' },
  { kind: 'financial-events', lookbackDays: 730, snapshot: false, regions: 'all' },
  { kind: 'vat-transactions', lookbackDays: 730, snapshot: false, regions: 'europe' },
];

export interface Requirement {
  kind: ArchiveKind;
  period: Period;
  snapshot: boolean;
}

/** What the archive made on `day` must cover, for a seller in these closure regions. */
export function requiredCoverage(day: IsoDate, regions: readonly string[]): Requirement[] {
  return REQUIRED_KINDS.filter((rule) => rule.regions === 'all' || regions.includes(rule.regions)).map((rule) => ({
    kind: rule.kind,
    period: { from: addDays(day, -rule.lookbackDays), to: addDays(day, -(rule.lagDays ?? 0)) },
    snapshot: rule.snapshot,
  }));
}

/** One file's (or one empty answer's) share of the coverage. */
export interface CoveringItem {
  kind: ArchiveKind;
  period: Period;
}

export interface KindCoverage {
  kind: ArchiveKind;
  required: Period;
  /** The required period's covered stretches, merged, in order. */
  covered: Period[];
  /** The required period's stretches no file covers, in order. */
  gaps: Period[];
}

/** Merges periods that overlap or touch (day after day) into the fewest, in order. */
export function mergePeriods(periods: readonly Period[]): Period[] {
  const sorted = periods.filter((p) => p.from <= p.to).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Period[] = [];
  for (const period of sorted) {
    const last = merged.at(-1);
    if (last && daysBetween(last.to, period.from) <= 1) {
      if (period.to > last.to) last.to = period.to;
    } else merged.push({ ...period });
  }
  return merged;
}

/** The stretches of `within` that none of `covered` (merged, in order) reaches. */
export function gapsIn(within: Period, covered: readonly Period[]): Period[] {
  const gaps: Period[] = [];
  let cursor = within.from;
  for (const period of covered) {
    if (period.to < cursor) continue;
    if (period.from > within.to) break;
    if (period.from > cursor) gaps.push({ from: cursor, to: addDays(period.from, -1) });
    cursor = addDays(period.to, 1);
    if (cursor > within.to) return gaps;
  }
  if (cursor <= within.to) gaps.push({ from: cursor, to: within.to });
  return gaps;
}

/** `periods` (merged, in order) with every day of `cut` taken out. */
function without(periods: readonly Period[], cut: readonly Period[]): Period[] {
  let result = [...periods];
  for (const hole of mergePeriods(cut)) {
    result = result.flatMap((p) => {
      if (hole.to < p.from || hole.from > p.to) return [p];
      const pieces: Period[] = [];
      if (p.from < hole.from) pieces.push({ from: p.from, to: addDays(hole.from, -1) });
      if (p.to > hole.to) pieces.push({ from: addDays(hole.to, 1), to: p.to });
      return pieces;
    });
  }
  return result;
}

/**
 * Coverage of every required kind. A snapshot is covered by a snapshot taken on its day or later
 * (a later one still shows what was before it); a history by the union of its files' periods.
 * `failed` are periods a fetch failed for (a problem): a gap whatever else covers them, since a
 * kind fetched per marketplace is covered for one marketplace by another's file.
 */
export function coverageOf(required: readonly Requirement[], items: readonly CoveringItem[], failed: readonly CoveringItem[] = []): KindCoverage[] {
  return required.map((requirement) => {
    const holes = failed.filter((item) => item.kind === requirement.kind).map((item) => item.period);
    if (holes.length > 0) {
      const covered = requirement.snapshot ? [] : without(coverageOf([requirement], items)[0]!.covered, holes);
      return { kind: requirement.kind, required: requirement.period, covered, gaps: gapsIn(requirement.period, covered) };
    }
    const own = items.filter((item) => item.kind === requirement.kind);
    const clipped = own
      .map((item) => ({ from: item.period.from < requirement.period.from ? requirement.period.from : item.period.from, to: item.period.to > requirement.period.to ? requirement.period.to : item.period.to }))
      .filter((p) => p.from <= p.to);
    if (requirement.snapshot) {
      const taken = own.some((item) => item.period.to >= requirement.period.to);
      return { kind: requirement.kind, required: requirement.period, covered: taken ? [requirement.period] : [], gaps: taken ? [] : [requirement.period] };
    }
    const covered = mergePeriods(clipped);
    return { kind: requirement.kind, required: requirement.period, covered, gaps: gapsIn(requirement.period, covered) };
  });
}

/** Every gap of every kind, in the order of the kinds. */
export function allGaps(coverage: readonly KindCoverage[]): { kind: ArchiveKind; gap: Period }[] {
  return coverage.flatMap((c) => c.gaps.map((gap) => ({ kind: c.kind, gap })));
}

/** Cuts a period into consecutive windows of at most `days` days (the size a report request accepts). */
export function windowsOf(period: Period, days: number): Period[] {
  const windows: Period[] = [];
  for (let from = period.from; from <= period.to; from = addDays(from, days)) {
    const end = addDays(from, days - 1);
    windows.push({ from, to: end < period.to ? end : period.to });
  }
  return windows;
}
