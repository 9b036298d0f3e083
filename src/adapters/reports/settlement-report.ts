// The flat-file V2 settlement report (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2): the last
// settlement of each currency, what it paid or charged, and the reserve Amazon held back.
//
// Columns are from Amazon's "Settlement reports attributes" page. That the first data row of a
// settlement carries its total (total-amount filled, the amount columns blank) and the rest its
// transactions is from Amazon's Payments report help page (itemID 791), not a contract; the
// reserve's amount-description ("Current Reserve Amount", "Previous Reserve Amount Balance") is
// UNCONFIRMED by an Amazon source: every description that names a reserve, other than the
// previous statement's balance carried in, counts as money held (stricter, never laxer).

import type { IsoDate } from '../../core/dates.js';
import type { BalanceEntry, DeferredFunds } from '../../core/seller-data.js';
import { isDamagedText, type ReportFile } from './report-file.js';
import { parseAmount, parseReportDay, ReportValueProblem } from './report-values.js';
import { parsedField } from './row-values.js';
import { RowsAcrossFiles } from './across-files.js';

export interface Settlement {
  settlementId: string;
  currency: string;
  start: IsoDate;
  end: IsoDate;
  deposit: IsoDate;
  /** total-amount: positive is paid to the seller, negative charged to them. */
  total: number;
  /** Reserve held back at the settlement's end (a positive amount of the seller's money). */
  reserveHeld: number;
  /**
   * The marketplaces its rows name (marketplace-name, e.g. Amazon.de), sorted; empty when none
   * does. Each EU marketplace settles on its own in euros: a later settlement supersedes an
   * earlier one only for the same marketplaces.
   */
  marketplaces: string[];
  /** The file and line of its own row (for an error naming them). */
  source: ReportFile;
  line: number;
}

/** What a reserve line says: money held in this settlement, or the previous one's released. */
const RESERVE = /reserve/i;
const PREVIOUS_RESERVE = /^previous reserve amount balance$/i;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * Reserve held, per settlement id, and where the first row of it was (for an error naming it);
 * `rows` tells a reserve row two files share (a report downloaded twice), held once.
 */
export interface HeldReserves {
  readonly bySettlement: Map<string, { amount: number; file: ReportFile; line: number }>;
  readonly rows: RowsAcrossFiles;
}

export const heldReserves = (): HeldReserves => ({ bySettlement: new Map(), rows: new RowsAcrossFiles() });

/**
 * Every settlement a file holds, read row by row (the file is never held whole); reserves held are
 * added to `held`, matched to their settlement once every file is read (a settlement may be split
 * across files).
 */
/** The marketplaces each settlement's rows name, per settlement id (a settlement may be split across files). */
export type SettlementMarketplaces = Map<string, Set<string>>;

/** Where each settlement's first transaction row was, per settlement id: its total row must be in some file. */
export type SettlementTransactions = Map<string, { file: ReportFile; line: number }>;

export async function readSettlements(file: ReportFile, held: HeldReserves, marketplaces: SettlementMarketplaces = new Map(), transactions: SettlementTransactions = new Map()): Promise<Settlement[]> {
  const c = (name: string) => file.column(name);
  const marketplace = c('marketplace');
  const [id, start, end, deposit, total, currency, description, amount, amountType] = ['settlementId', 'start', 'end', 'deposit', 'total', 'currency', 'description', 'amount', 'amountType'].map(c) as number[] as [number, number, number, number, number, number, number, number, number];
  const byId = new Map<string, Settlement>();
  const newReserveRow = held.rows.nextFile();
  const last = Math.max(id, start, end, deposit, total, currency, description, amount, amountType);
  const rows = file.batches(last, (row) => {
    const settlementId = file.text(row, id).trim();
    if (settlementId === '' || isDamagedText(settlementId)) throw file.valueError(new ReportValueProblem(settlementId, 'a settlement id', 'settlement-id'), row.line, 'settlementId');
    const market = marketplace >= 0 && marketplace < row.fields ? file.text(row, marketplace).trim().toLowerCase() : '';
    if (market !== '') {
      const known = marketplaces.get(settlementId);
      if (known) known.add(market);
      else marketplaces.set(settlementId, new Set([market]));
    }
    const totalText = file.text(row, total).trim();
    if (totalText !== '') {
      // The settlement's own row: its period, deposit day, total and currency.
      const code = file.text(row, currency).trim();
      if (!CURRENCY.test(code)) throw file.valueError(new ReportValueProblem(code, 'a currency code such as USD', 'currency'), row.line, 'currency');
      const settlement: Settlement = {
        settlementId,
        currency: code,
        start: parsedField(file, row, start, 'start', (text) => parseReportDay(text)),
        end: parsedField(file, row, end, 'end', (text) => parseReportDay(text)),
        deposit: parsedField(file, row, deposit, 'deposit', (text) => parseReportDay(text)),
        total: parsedField(file, row, total, 'total', (text) => parseAmount(text) ?? 0),
        reserveHeld: 0,
        marketplaces: [],
        source: file,
        line: row.line,
      };
      // A start after the end, or a deposit before it, is a date misread (day and month swapped:
      // 03/12/2026 UTC read as 12 March): its deposit day would say a payout was made that was not.
      if (settlement.start > settlement.end || settlement.deposit < settlement.end) {
        const written = [start, end, deposit].map((column) => file.text(row, column).trim()).join(' / ');
        throw file.valueError(new ReportValueProblem(written, 'settlement dates in order', 'settlement-dates-in-order'), row.line, settlement.start > settlement.end ? 'start' : 'deposit');
      }
      const known = byId.get(settlementId);
      if (known && !sameSettlement(known, settlement)) throw file.valueError(new ReportValueProblem(totalText, "the same total as the settlement's other row", 'same-settlement-total', { file: known.source.path, line: known.line }), row.line, 'total');
      byId.set(settlementId, settlement);
      // That the total row carries no transaction is not confirmed: one that does (a reserve, say) is read as one too.
      const carries = [amount, description, amountType].some((column) => file.text(row, column).trim() !== '');
      if (!carries) return undefined;
    }
    // A transaction row: every one must carry an amount (blank is not zero here: it cannot be accounted for).
    if (!transactions.has(settlementId)) transactions.set(settlementId, { file, line: row.line });
    const value = parsedField(file, row, amount, 'amount', (text) => {
      const parsed = parseAmount(text);
      if (parsed === null) throw new ReportValueProblem(text, 'an amount such as 12.34', 'amount');
      return parsed;
    });
    // What a row is must be readable: a blank or damaged description could hide a reserve.
    const what = file.text(row, description).trim();
    if (what === '' || isDamagedText(what)) throw file.valueError(new ReportValueProblem(what, 'an amount description', 'amount-description'), row.line, 'description');
    const kind = file.text(row, amountType).trim();
    if (kind === '' || isDamagedText(kind)) throw file.valueError(new ReportValueProblem(kind, 'an amount type', 'amount-description'), row.line, 'amountType');
    // The reserve may be named by either column (neither's values are confirmed): stricter to read both.
    if ((RESERVE.test(what) && !PREVIOUS_RESERVE.test(what)) || (RESERVE.test(kind) && !PREVIOUS_RESERVE.test(kind))) {
      // The same row in two files (a report downloaded twice) is held once; a settlement split
      // across files adds up; a row one file repeats counts as often as that file has it.
      const known = held.bySettlement.get(settlementId) ?? { amount: 0, file, line: row.line };
      held.bySettlement.set(settlementId, known);
      if (newReserveRow(Array.from({ length: row.fields }, (_, i) => file.text(row, i)).join('\t'))) known.amount += Math.abs(value);
    }
    return undefined;
  });
  for await (const _ of rows); // rows are read for the settlements they add up
  return [...byId.values()];
}

/** Two rows of one settlement (a file downloaded twice) must say the same; else neither can be trusted. */
export function sameSettlement(a: Settlement, b: Settlement): boolean {
  return a.total === b.total && a.currency === b.currency && a.start === b.start && a.end === b.end && a.deposit === b.deposit;
}

/**
 * The settlements of every file, one per id, with the reserves they hold. Transactions of a
 * settlement whose own row is in no file are an input error: its total is not known.
 */
export function mergeSettlements(found: readonly Settlement[], held: HeldReserves, marketplaces: SettlementMarketplaces = new Map(), transactions: SettlementTransactions = new Map()): Settlement[] {
  const byId = new Map<string, Settlement>();
  for (const s of found) {
    const known = byId.get(s.settlementId);
    if (known && !sameSettlement(known, s)) throw s.source.valueError(new ReportValueProblem(String(s.total), "the same total as the settlement's other row", 'same-settlement-total', { file: known.source.path, line: known.line }), s.line, 'total');
    if (!known) byId.set(s.settlementId, { ...s, marketplaces: [...(marketplaces.get(s.settlementId) ?? [])].sort() });
  }
  // Any transaction, not only a reserve: a later settlement whose total row is missing would
  // otherwise leave an older one to stand as the last.
  for (const [settlementId, where] of transactions) {
    if (!byId.has(settlementId)) throw where.file.valueError(new ReportValueProblem(settlementId, 'a settlement whose total row is in the file', 'settlement-total-row'), where.line, 'settlementId');
  }
  for (const [settlementId, reserve] of held.bySettlement) {
    const settlement = byId.get(settlementId);
    if (!settlement) throw reserve.file.valueError(new ReportValueProblem(settlementId, 'a settlement whose total row is in the file', 'settlement-total-row'), reserve.line, 'settlementId');
    settlement.reserveHeld += reserve.amount;
  }
  return [...byId.values()];
}

/**
 * The last settlement of each currency and marketplace (the latest end; on a tie, the latest
 * deposit). Amazon.de and Amazon.fr both settle in euros, each on its own: where the files name
 * several marketplaces for a currency, a later German settlement says nothing of a French one, so
 * settlements naming different marketplaces (or one naming none) never supersede each other.
 */
export function lastSettlements(all: readonly Settlement[]): Settlement[] {
  const seriesOf = series(all);
  const latest = new Map<string, Settlement>();
  for (const s of all) {
    const key = seriesOf(s);
    const known = latest.get(key);
    if (!known || s.end > known.end || (s.end === known.end && s.deposit > known.deposit)) latest.set(key, s);
  }
  return [...latest.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : a.marketplaces.join() < b.marketplaces.join() ? -1 : 1));
}

/** Which series a settlement is in: its currency, and its marketplaces where the files name several for that currency. */
function series(all: readonly Settlement[]): (s: Settlement) => string {
  // A currency the files name one marketplace for (or none) is one series: its latest settlement
  // supersedes the others, named or not (a closing seller's last settlement may hold fees only).
  const named = new Map<string, Set<string>>();
  for (const s of all) for (const m of s.marketplaces) named.set(s.currency, (named.get(s.currency) ?? new Set()).add(m));
  return (s) => ((named.get(s.currency)?.size ?? 0) <= 1 ? s.currency : `${s.currency}\t${s.marketplaces.join('\n')}`);
}

/**
 * A last settlement and another of its series, with another id, over the same days (more than the
 * day one ends and the next starts): which is the last, and so what the balance is, cannot be told
 * (two marketplaces' statements without marketplace-name, another account's). Null when none.
 */
export function overlappingSettlements(all: readonly Settlement[], last: readonly Settlement[]): [Settlement, Settlement] | null {
  const seriesOf = series(all);
  for (const s of last) {
    const other = all.find((o) => o.settlementId !== s.settlementId && seriesOf(o) === seriesOf(s) && ((o.start === s.start && o.end === s.end) || (o.start < s.end && s.start < o.end)));
    if (other) return s.source.name < other.source.name || (s.source === other.source && s.line < other.line) ? [s, other] : [other, s];
  }
  return null;
}

export interface SettlementBalance {
  /** A balance line per currency whose last settlement shows a problem (negative, reserve held). */
  entries: BalanceEntry[];
  /** A positive total not yet deposited by the as-of day: released on its deposit day. */
  deferred: DeferredFunds[];
  /** Nothing the last settlements show keeps the account from closing (they cannot show what came since). */
  clean: boolean;
}

/**
 * What the last settlements say of the balance (closure-rules.md §6.1): a negative total is money
 * owed to Amazon and blocks; a reserve held blocks (the file gives no day it is released); a
 * payout not yet deposited is deferred to its deposit day.
 */
export function settlementBalance(last: readonly Settlement[], asOf: IsoDate): SettlementBalance {
  const entries: BalanceEntry[] = [];
  const deferred: DeferredFunds[] = [];
  for (const s of last) {
    const owed = Math.round(s.total * 100) < 0 ? s.total : 0;
    const pending = Math.round(s.total * 100) > 0 && s.deposit > asOf;
    if (pending) deferred.push({ amount: s.total, currency: s.currency, maturesOn: s.deposit, description: `settlement ${s.settlementId}` });
    entries.push({ marketplaceId: null, currency: s.currency, amount: owed, reserved: s.reserveHeld });
  }
  const clean = deferred.length === 0 && entries.every((e) => Math.round(e.amount * 100) === 0 && Math.round(e.reserved * 100) === 0);
  return { entries, deferred, clean };
}
