// One report file: its header read and recognised, then its rows scanned in batches, one per
// chunk read, with only the columns the checks use ever decoded. Memory stays at about two
// chunks whatever the file's size, and no promise is made per row.

import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CliError, EXIT } from '../../errors.js';
import type { Translate } from '../../messages/catalogue.js';
import { CHUNK_SIZE, fileChunks, readHead, utf16Of } from './file-chunks.js';
import { columnPositions, looksJapanese, nearMissColumn, normaliseHeader, recogniseHeader, type ReportKindSpec } from './report-kinds.js';
import { isAscii } from 'node:buffer';
import { detectEncoding, FieldDecoder, type Encoding } from './text-encoding.js';
import { ReportValueProblem } from './report-values.js';

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** More columns than any report has; a longer row's extra fields are never looked at. */
const MAX_COLUMNS = 256;
/**
 * What is read of a file to find its header: its first 64 KB, where a CSV report's header is also
 * looked for after a preamble, so that the file is read once for both.
 */
const HEAD_SIZE = 64 * 1024;

/** One row while it is being read: valid only inside the callback that receives it. */
export interface RowView {
  bytes: Buffer;
  line: number;
  starts: Int32Array;
  ends: Int32Array;
  /** How many fields were cut (up to the last column asked for). */
  fields: number;
}

export class ReportFile {
  private constructor(
    readonly path: string,
    readonly headers: string[],
    readonly spec: ReportKindSpec | null,
    private readonly positions: Record<string, number>,
    readonly modified: Date,
    /** Bytes on disk: a small file is read in one small chunk, not three megabyte buffers. */
    private readonly size: number,
    private readonly gzip: boolean,
    private readonly encoding: Encoding | null,
    private readonly t: Translate,
    /** The file is known to be whole (a download whose transfer completed), not just as found. */
    private readonly whole: boolean,
    /** No line break after the header: the file ends inside it (a download cut off), or is no report. */
    readonly headerCut = false,
    /**
     * Comma-separated with quotes, the header on this line (1-based) after a preamble: Seller
     * Central's Date Range transaction report (CSV). Tab-separated reports: 1, not CSV.
     */
    readonly headerLine = 1,
    readonly csv = false,
  ) {}

  get name(): string {
    return basename(this.path);
  }

  /** How to get the file again: the Date Range report is a CSV, the others tab-delimited text. */
  downloadAgain(): string {
    return downloadAgain(this.t, this.csv);
  }

  get japaneseHeaders(): boolean {
    return looksJapanese(this.headers);
  }

  /** Reads the header row only. */
  static async open(path: string, forced: Encoding | null, t: Translate, provenance: { whole?: boolean } = {}): Promise<ReportFile> {
    const info = await stat(path);
    let first: Buffer | null = null;
    /** The file's first HEAD_SIZE bytes (all of it when shorter), as fileChunks gives them: where a CSV header is looked for. */
    let opening: Buffer | null = null;
    let ended = false;
    let gzip = false;
    let utf16 = false;
    try {
      // Most headers fit in the first read: one open and one read per file, a stream only when needed.
      let head = await readHead(path, HEAD_SIZE);
      // A lone 0x1f is a gzip cut after its first byte: read as one, it is a damaged gzip (exit 2).
      gzip = head[0] === 0x1f && (head.length === 1 || head[1] === 0x8b);
      // UTF-16 (Excel's "Unicode Text"), like gzip, is read through fileChunks, which makes it UTF-8.
      utf16 = !gzip && utf16Of(head) !== null;
      const complete = !gzip && !utf16 && head.length < HEAD_SIZE;
      const newline = gzip || utf16 ? -1 : firstBreak(head, 0);
      if (newline >= 0 || complete) {
        ended = newline >= 0;
        first = newline >= 0 ? head.subarray(0, newline) : head;
        opening = head;
      } else {
        head = Buffer.alloc(0);
        for await (const chunk of fileChunks(path, HEAD_SIZE, gzip)) {
          head = Buffer.concat([head, chunk]);
          if (opening === null && head.length >= HEAD_SIZE) opening = head;
          if (first === null) {
            // The header ends at the first line break of any kind: LF, CRLF, or CR alone (Excel for Mac).
            const found = firstBreak(head, 0);
            if (found >= 0) {
              first = head.subarray(0, found);
              ended = true;
            } else if (head.length > 1 << 20) break; // no header line within a megabyte: not a report
          }
          // A first line with a tab is a header of its own; one without may be a CSV preamble, looked through in the opening bytes.
          if (first !== null && (opening !== null || first.includes(TAB))) break;
        }
        first ??= head;
        opening ??= head;
      }
    } catch (error) {
      // Which report it is cannot be told yet (a gzip damaged before its header): either download's hint.
      throw readFailure(path, error, 1, t, t('error.report-download-again-any'));
    }
    let start = 0;
    const end = first.length;
    // A UTF-16 file was made UTF-8 on the way in, whatever --encoding says.
    if (utf16) forced = 'utf-8';
    let decoder = new FieldDecoder(forced);
    if (first.subarray(0, 3).equals(BOM)) {
      start = 3;
      if (!forced) decoder = new FieldDecoder('utf-8');
    }
    if (end <= start) return new ReportFile(path, [], null, {}, info.mtime, info.size, gzip, forced, t, provenance.whole === true);
    const starts = new Int32Array(MAX_COLUMNS);
    const ends = new Int32Array(MAX_COLUMNS);
    const count = cutFields(first, start, end, MAX_COLUMNS - 1, starts, ends);
    let headers = Array.from({ length: count }, (_, i) => decoder.decode(first, starts[i]!, ends[i]!));
    let spec = recogniseHeader(headers);
    let headerLine = 1;
    let chosen = decoder.chosen;
    // No tab in the first line: perhaps a CSV report whose header follows a preamble.
    const found = !spec && ended && !first.includes(TAB) ? findCsvHeader(opening ?? first, forced) : null;
    if (found) {
      ({ headers, spec, line: headerLine } = found);
      chosen = found.encoding;
    }
    // A header error names the header's own line (after a CSV preamble) and how to get that report again.
    const hint = downloadAgain(t, found !== null);
    // A column name with a control character is a damaged header: what it names cannot be told.
    const damaged = spec ? headers.find(isDamagedText) : undefined;
    if (damaged !== undefined) throw new CliError(EXIT.usage, t('error.report-damaged-header', { file: path, line: headerLine, column: JSON.stringify(damaged).slice(1, -1) }), hint);
    const positions = spec ? columnPositions(spec, headers) : {};
    if (spec) {
      // Two columns of one name: which copy holds the truth cannot be told, so neither is read.
      const seen = new Set<string>();
      for (const name of headers.map(normaliseHeader)) {
        if (name !== '' && seen.has(name)) throw new CliError(EXIT.usage, t('error.report-duplicate-column', { file: path, line: headerLine, column: name }), hint);
        seen.add(name);
      }
      // A header with no line break after it is a file cut off in its header: the last name may be cut short.
      if (!ended) throw new CliError(EXIT.usage, t('error.report-cut-off', { file: path, line: headerLine }), hint);
      const missing = Object.keys(spec.columns).filter((c) => positions[c] === -1 && !spec.optional.includes(c));
      if (missing.length > 0) {
        throw new CliError(EXIT.usage, t('error.report-missing-column', { file: path, line: headerLine, columns: missing.map((c) => spec.columns[c]!).join(', ') }), hint);
      }
      // A column name damaged: an optional column read as absent, or a copy beside the one read, unaccounted for.
      const near = nearMissColumn(spec, headers);
      if (near) throw new CliError(EXIT.usage, t('error.report-near-column', { file: path, line: headerLine, column: near.found, known: near.known }), hint);
    }
    return new ReportFile(path, headers, spec, positions, info.mtime, info.size, gzip, forced ?? chosen, t, provenance.whole === true, !ended, headerLine, found !== null);
  }

  /** Data rows read by the last complete pass of `batches`. */
  rows = 0;

  /** Where a column of the report's kind is; -1 when the file does not have it. */
  column(logical: string): number {
    return this.positions[logical] ?? -1;
  }

  /**
   * The data rows, mapped by `map` in batches (one per chunk read); rows it maps to undefined
   * are left out. Only fields up to `lastColumn` are cut. Rows end at LF, CRLF or CR alone, in
   * any mix. Every row is accounted for: one that stops before the last column read, or a last
   * row with no line break after it (a download cut off), is an input error naming the file and
   * line, never blanks read as 0.
   */
  async *batches<T>(lastColumn: number, map: (row: RowView, file: ReportFile) => T | undefined): AsyncGenerator<T[]> {
    const row: RowView = { bytes: Buffer.alloc(0), line: 0, starts: new Int32Array(MAX_COLUMNS), ends: new Int32Array(MAX_COLUMNS), fields: 0 };
    const last = Math.min(lastColumn, MAX_COLUMNS - 1);
    // Rows are cut whole, so that one with more cells than the header (two rows run together) is
    // caught; except in All Orders reports, millions of rows of which the checks read the first
    // seven columns, where counting every cell would double the time taken.
    const cutTo = this.spec?.kind === 'all-orders' ? last : MAX_COLUMNS - 1;
    const width = this.headers.length;
    // Columns with no name in the header (Amazon pads some files with empty ones): a value under
    // one cannot be accounted for (a bucket whose name was lost, cells shifted), so it stops the run.
    const unnamed = this.spec ? this.headers.flatMap((name, i) => (i <= cutTo && normaliseHeader(name) === '' ? [i] : [])) : [];
    this.decoder = new FieldDecoder(this.encoding);
    let rows = 0;
    // A row begun in one chunk and ended in a later one: its pieces, joined once when it ends (joining
    // at each chunk copied a long row over and over, quadratic in its length).
    const carry: Buffer[] = [];
    let carried = 0;
    // The previous chunk ended on a CR: an LF opening this one belongs to it.
    let afterCR = false;
    let batch: T[] = [];
    const take = (bytes: Buffer, start: number, end: number) => {
      row.line += 1;
      if (row.line <= this.headerLine || end === start) return;
      row.bytes = bytes;
      row.fields = this.csv ? cutCsvFields(bytes, start, end, cutTo, row.starts, row.ends) : cutFields(bytes, start, end, cutTo, row.starts, row.ends);
      if (row.fields < 0) throw new CliError(EXIT.usage, this.t('error.report-csv-quote', { file: this.path, line: row.line }), this.downloadAgain());
      if (row.fields <= last) throw this.shortRow(row.line, row.fields, last);
      if (row.fields > width && cutTo !== last) throw this.longRow(row.line, row.fields, width);
      for (const column of unnamed) {
        if (column < row.fields && row.ends[column]! > row.starts[column]! && this.text(row, column).trim() !== '') {
          throw new CliError(EXIT.usage, this.t('error.report-unnamed-column', { file: this.path, line: row.line, column: column + 1, found: this.text(row, column).trim() }), this.downloadAgain());
        }
      }
      rows += 1;
      const mapped = map(row, this);
      if (mapped !== undefined) batch.push(mapped);
    };
    try {
      for await (const chunk of fileChunks(this.path, Math.min(CHUNK_SIZE, Math.max(64 * 1024, this.size + 1)), this.gzip)) {
        // The encoding is settled on the file's own bytes, at the first chunk that is not plain
        // ASCII: fields decoded later (from an arena) carry no context to judge by.
        if (this.decoder.chosen === null && !isAscii(chunk)) this.decoder.choose(detectEncoding(chunk));
        let lineStart = afterCR && chunk[0] === LF ? 1 : 0;
        afterCR = false;
        let nextLF = chunk.indexOf(LF, lineStart);
        // Most files have no CR at all, or one before each LF: one search per chunk says which.
        let nextCR = chunk.indexOf(CR, lineStart);
        while (nextLF >= 0 || nextCR >= 0) {
          let end: number;
          let next: number;
          if (nextCR >= 0 && (nextLF < 0 || nextCR < nextLF)) {
            end = nextCR;
            next = chunk[nextCR + 1] === LF ? nextCR + 2 : nextCR + 1;
            if (next === chunk.length && chunk[nextCR + 1] !== LF) afterCR = true;
          } else {
            end = nextLF;
            next = nextLF + 1;
          }
          if (carried > 0) {
            carry.push(chunk.subarray(lineStart, end));
            const joined: Buffer = Buffer.concat(carry);
            carry.length = 0;
            carried = 0;
            take(joined, 0, joined.length);
          } else {
            take(chunk, lineStart, end);
          }
          lineStart = next;
          if (nextLF >= 0 && nextLF < next) nextLF = chunk.indexOf(LF, next);
          if (nextCR >= 0 && nextCR < next) nextCR = chunk.indexOf(CR, next);
        }
        if (lineStart < chunk.length) {
          carry.push(Buffer.from(chunk.subarray(lineStart)));
          carried += chunk.length - lineStart;
        }
        // No report row is megabytes long: a file (or a gzip) without line breaks is not read into memory whole.
        if (carried > MAX_LINE_BYTES) throw new CliError(EXIT.usage, this.t('error.report-line-too-long', { file: this.path, line: row.line + 1, bytes: MAX_LINE_BYTES }), this.downloadAgain());
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
      }
      // The file ends without a line break: its last row was cut off, perhaps in its last cell,
      // and the rows after it with it. A row that merely looks whole proves nothing.
      // A document Amazon sent whole (the transfer, and any gzip, completed) may simply lack the final break.
      if (carried > 0) {
        if (!this.whole) throw this.cutOff(row.line + 1);
        const lastRow: Buffer = Buffer.concat(carry);
        take(lastRow, 0, lastRow.length);
      }
      if (batch.length > 0) yield batch;
      this.rows = rows;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw readFailure(this.path, error, row.line + 1, this.t, this.downloadAgain());
    }
  }

  private shortRow(line: number, found: number, last: number): CliError {
    const column = this.headers[last] ?? String(last + 1);
    return new CliError(EXIT.usage, this.t('error.report-short-row', { file: this.path, line, found, column }), this.downloadAgain());
  }

  private longRow(line: number, found: number, expected: number): CliError {
    return new CliError(EXIT.usage, this.t('error.report-long-row', { file: this.path, line, found, expected }), this.downloadAgain());
  }

  private cutOff(line: number): CliError {
    return new CliError(EXIT.usage, this.t('error.report-cut-off', { file: this.path, line }), this.downloadAgain());
  }

  private decoder = new FieldDecoder(null);

  /** A field as text; '' when the row is short or the file lacks the column. */
  text(row: RowView, column: number): string {
    if (column < 0 || column >= row.fields) return '';
    const text = this.decoder.decode(row.bytes, row.starts[column]!, row.ends[column]!);
    // A quote inside a quoted CSV field is written twice.
    return this.csv && text.includes('"') ? text.replace(/""/g, '"') : text;
  }

  /** Bytes of this file as text, in its encoding (for values decoded after their row was read). */
  decode(bytes: Buffer, start: number, end: number): string {
    return this.decoder.decode(bytes, start, end);
  }

  /** What the value should have been, naming the row it contradicts where there is one. */
  private expected(problem: ReportValueProblem): string {
    if (problem.kind === 'same-settlement-total' && problem.otherRow) return this.t('report.expected.same-settlement-total-as', problem.otherRow);
    return problem.kind ? this.t(`report.expected.${problem.kind}`) : problem.expected;
  }

  /** Turns a value problem into an error naming the file, the line and the column. */
  valueError(problem: unknown, line: number, logical: string): unknown {
    if (!(problem instanceof ReportValueProblem)) return problem;
    const header = this.spec?.columns[logical] ?? logical;
    return new CliError(
      EXIT.usage,
      this.t('error.report-value', { file: this.path, line, column: header, found: problem.found, expected: this.expected(problem) }),
      this.t('error.report-value-hint'),
    );
  }
}

/** How to get a report file again: the Date Range report is a CSV, the others tab-delimited text. */
function downloadAgain(t: Translate, csv: boolean): string {
  return t(csv ? 'error.report-download-again-csv' : 'error.report-download-again');
}

/** Does a column name or value hold a control character (other than a tab) or an undecodable byte? */
export function isDamagedText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0xfffd) return true;
  }
  return false;
}

/** Where the first line break (LF or CR) at or after `from` is; -1 when there is none. */
function firstBreak(bytes: Buffer, from: number): number {
  const lf = bytes.indexOf(LF, from);
  const cr = bytes.indexOf(CR, from);
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}

/**
 * Cuts the fields of a line up to column `last`; returns how many. For the first few columns
 * Buffer#indexOf finds each tab fastest; past them a plain byte loop wins, having no call to
 * make per field.
 */
function cutFields(bytes: Buffer, start: number, end: number, last: number, starts: Int32Array, ends: Int32Array): number {
  return last < 8 ? cutFieldsByIndexOf(bytes, start, end, last, starts, ends) : cutFieldsByLoop(bytes, start, end, last, starts, ends);
}

function cutFieldsByLoop(bytes: Buffer, start: number, end: number, last: number, starts: Int32Array, ends: Int32Array): number {
  let column = 0;
  let from = start;
  for (let i = start; ; i++) {
    if (i === end || bytes[i] === TAB) {
      starts[column] = from;
      ends[column] = i;
      column += 1;
      if (i === end || column > last) return column;
      from = i + 1;
    }
  }
}

function cutFieldsByIndexOf(bytes: Buffer, start: number, end: number, last: number, starts: Int32Array, ends: Int32Array): number {
  let column = 0;
  let from = start;
  for (;;) {
    let tab = bytes.indexOf(TAB, from);
    if (tab < 0 || tab > end) tab = end;
    starts[column] = from;
    ends[column] = tab;
    column += 1;
    if (tab === end || column > last) return column;
    from = tab + 1;
  }
}

const COMMA = 0x2c;
const QUOTE = 0x22;

/**
 * Cuts the fields of a CSV line (RFC 4180 quoting, no line break inside a field) up to column
 * `last`; a quoted field's bounds exclude its quotes. Returns -1 for a line whose quotes do not
 * close, or with text after a closing quote: it cannot be accounted for.
 */
export function cutCsvFields(bytes: Buffer, start: number, end: number, last: number, starts: Int32Array, ends: Int32Array): number {
  let column = 0;
  let i = start;
  for (;;) {
    if (bytes[i] === QUOTE && i < end) {
      let j = i + 1;
      for (;;) {
        if (j >= end) return -1;
        if (bytes[j] === QUOTE) {
          if (bytes[j + 1] === QUOTE && j + 1 < end) j += 2;
          else break;
        } else j += 1;
      }
      starts[column] = i + 1;
      ends[column] = j;
      i = j + 1;
      if (i < end && bytes[i] !== COMMA) return -1;
    } else {
      let j = bytes.indexOf(COMMA, i);
      if (j < 0 || j > end) j = end;
      starts[column] = i;
      ends[column] = j;
      for (let k = i; k < j; k++) if (bytes[k] === QUOTE) return -1;
      i = j;
    }
    column += 1;
    if (i >= end || column > last) return column;
    i += 1; // past the comma
    if (i === end) {
      // A comma ending the line: one more, empty, field.
      starts[column] = end;
      ends[column] = end;
      return column + 1;
    }
  }
}

/** Lines of a CSV report's preamble looked through for its header. */
const PREAMBLE_LINES = 20;

/**
 * The header of a CSV report after a preamble (Seller Central's Date Range transaction report
 * opens with a few lines of text), looked for in the file's opening bytes (its first 64 KB, as
 * open() read them); null when none is known.
 */
function findCsvHeader(head: Buffer, forced: Encoding | null): { headers: string[]; spec: ReportKindSpec; line: number; encoding: Encoding | null } | null {
  let from = head.subarray(0, 3).equals(BOM) ? 3 : 0;
  const decoder = new FieldDecoder(forced ?? (from === 3 ? 'utf-8' : null));
  if (decoder.chosen === null && !isAscii(head)) decoder.choose(detectEncoding(head));
  const starts = new Int32Array(MAX_COLUMNS);
  const ends = new Int32Array(MAX_COLUMNS);
  for (let line = 1; line <= PREAMBLE_LINES && from < head.length; line++) {
    const end = firstBreak(head, from);
    if (end < 0) return null; // the header must end within what was read, with a line break
    const count = cutCsvFields(head, from, end, MAX_COLUMNS - 1, starts, ends);
    if (count > 0) {
      const headers = Array.from({ length: count }, (_, i) => decoder.decode(head, starts[i]!, ends[i]!).replace(/""/g, '"'));
      const spec = recogniseHeader(headers);
      if (spec && spec.kind === 'date-range') return { headers, spec, line, encoding: decoder.chosen };
    }
    from = head[end] === CR && head[end + 1] === LF ? end + 2 : end + 1;
  }
  return null;
}

/** A damaged gzip, a file that vanished or cannot be read: exit 2 with where and what to do. */
/** The longest row a report may have; Amazon's rows are a few kilobytes. */
const MAX_LINE_BYTES = 8 * 1024 * 1024;

function readFailure(path: string, error: unknown, line: number, t: Translate, hint: string): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('Z_') || /unexpected end of file|incorrect header check|invalid/.test(String((error as Error).message))) {
    return new CliError(EXIT.usage, t('error.report-gzip', { file: path, line, detail: (error as Error).message }), hint);
  }
  return new CliError(EXIT.usage, t('error.report-unreadable', { file: path, code: code || (error as Error).message }), hint);
}
