// Values read straight from a row's bytes, for the columns read on every row of a large report:
// quantities and ISO timestamps. Anything unusual falls back to the text parsers, which also
// word the errors, so both paths accept and refuse exactly the same values.

import type { ReportFile, RowView } from './report-file.js';
import { FIRST_YEAR, LAST_YEAR, parseQuantity, parseReportTimestamp, type DateOrder } from './report-values.js';

const ZERO = 0x30;
const SPACE = 0x20;

/** Runs a text parser on a field, turning its problem into an error with file, line and column. */
export function parsedField<T>(file: ReportFile, row: RowView, column: number, logical: string, parse: (text: string) => T): T {
  try {
    return parse(file.text(row, column));
  } catch (problem) {
    throw file.valueError(problem, row.line, logical);
  }
}

/** A quantity: blank is null (0), digits a number; anything else goes to the text parser. */
export function quantityField(file: ReportFile, row: RowView, column: number, logical: string): number | null {
  if (column < 0 || column >= row.fields) return null;
  const bytes = row.bytes;
  let start = row.starts[column]!;
  let end = row.ends[column]!;
  while (start < end && bytes[start] === SPACE) start++;
  while (end > start && bytes[end - 1] === SPACE) end--;
  if (start === end) return null;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i]! - ZERO;
    if (digit < 0 || digit > 9 || end - start > 15) return parsedField(file, row, column, logical, parseQuantity);
    value = value * 10 + digit;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits as a number, or a negative number when they are not digits. */
function twoDigits(bytes: Buffer, at: number): number {
  const tens = bytes[at]! - ZERO;
  const ones = bytes[at + 1]! - ZERO;
  return tens < 0 || tens > 9 || ones < 0 || ones > 9 ? -1 : tens * 10 + ones;
}

/**
 * Epoch milliseconds of `2026-11-20T18:22:05+00:00` (or `…Z`) read from the bytes; NaN when the
 * field has another shape, for the caller to hand to the text parser.
 */
export function isoTimestampAt(bytes: Buffer, start: number, end: number): number {
  const length = end - start;
  if ((length !== 25 && length !== 20) || bytes[start + 4] !== 0x2d || bytes[start + 7] !== 0x2d || bytes[start + 10] !== 0x54 || bytes[start + 13] !== 0x3a || bytes[start + 16] !== 0x3a) {
    return Number.NaN;
  }
  const century = twoDigits(bytes, start);
  const yy = twoDigits(bytes, start + 2);
  const month = twoDigits(bytes, start + 5);
  const day = twoDigits(bytes, start + 8);
  const hour = twoDigits(bytes, start + 11);
  const minute = twoDigits(bytes, start + 14);
  const second = twoDigits(bytes, start + 17);
  const year = century * 100 + yy;
  if (century < 0 || yy < 0 || year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]! || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return Number.NaN;
  }
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return Number.NaN;
  let offsetMinutes = 0;
  if (length === 25) {
    const sign = bytes[start + 19] === 0x2b ? 1 : bytes[start + 19] === 0x2d ? -1 : 0;
    const offsetHours = twoDigits(bytes, start + 20);
    const offsetMins = twoDigits(bytes, start + 23);
    if (sign === 0 || bytes[start + 22] !== 0x3a || offsetHours < 0 || offsetMins < 0) return Number.NaN;
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  } else if (bytes[start + 19] !== 0x5a) {
    return Number.NaN;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
}

/**
 * Reads a timestamp column row after row. Rows of one day share their date and offset, so the
 * day's start is computed once; shapes other than ISO go to the text parser.
 */
export class TimestampReader {
  /** The text of the last value read when the text parser had to rewrite it, else null. */
  rewritten: string | null = null;
  /** The last ISO timestamp read (copied: its chunk may be reused), and its day's start. */
  private readonly day = Buffer.alloc(25);
  private dayKnown = false;
  private dayBase = 0;

  constructor(
    private readonly file: ReportFile,
    private readonly logical: string,
  ) {}

  read(row: RowView, column: number, order: DateOrder | null): number {
    this.rewritten = null;
    if (column >= 0 && column < row.fields) {
      const bytes = row.bytes;
      const start = row.starts[column]!;
      const end = row.ends[column]!;
      // Same date and offset as the row before: only the time of day changes.
      if (this.dayKnown && end - start === 25 && sameDay(this.day, 0, bytes, start)) {
        const hour = twoDigits(bytes, start + 11);
        const minute = twoDigits(bytes, start + 14);
        const second = twoDigits(bytes, start + 17);
        if (hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60 && bytes[start + 13] === 0x3a && bytes[start + 16] === 0x3a) {
          return this.dayBase + ((hour * 60 + minute) * 60 + second) * 1000;
        }
      }
      const time = isoTimestampAt(bytes, start, end);
      if (!Number.isNaN(time)) {
        if (end - start === 25) {
          bytes.copy(this.day, 0, start, end);
          this.dayKnown = true;
          this.dayBase = time - ((twoDigits(bytes, start + 11) * 60 + twoDigits(bytes, start + 14)) * 60 + twoDigits(bytes, start + 17)) * 1000;
        }
        return time;
      }
    }
    const text = parsedField(this.file, row, column, this.logical, (value) => parseReportTimestamp(value, order));
    this.rewritten = text;
    return Date.parse(text);
  }
}

/** Do two ISO timestamps share date (bytes 0-10) and offset (bytes 19-25)? */
function sameDay(a: Buffer, aStart: number, b: Buffer, bStart: number): boolean {
  for (let i = 0; i < 11; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  for (let i = 19; i < 25; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}
