// One report file: its header read and recognised, then its rows scanned in batches, one per
// chunk read, with only the columns the checks use ever decoded. Memory stays at about two
// chunks whatever the file's size, and no promise is made per row.

import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CliError, EXIT } from '../../errors.js';
import type { Translate } from '../../messages/catalogue.js';
import { fileChunks } from './file-chunks.js';
import { columnPositions, looksJapanese, recogniseHeader, type ReportKindSpec } from './report-kinds.js';
import { isAscii } from 'node:buffer';
import { detectEncoding, FieldDecoder, type Encoding } from './text-encoding.js';
import { ReportValueProblem } from './report-values.js';

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** More columns than any report has; a longer row's extra fields are never looked at. */
const MAX_COLUMNS = 256;

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
    private readonly encoding: Encoding | null,
    private readonly t: Translate,
  ) {}

  get name(): string {
    return basename(this.path);
  }

  get japaneseHeaders(): boolean {
    return looksJapanese(this.headers);
  }

  /** Reads the header row only. */
  static async open(path: string, forced: Encoding | null, t: Translate): Promise<ReportFile> {
    const info = await stat(path);
    let first: Buffer | null = null;
    try {
      let head = Buffer.alloc(0);
      for await (const chunk of fileChunks(path, 64 * 1024)) {
        head = Buffer.concat([head, chunk]);
        const newline = head.indexOf(LF);
        if (newline >= 0) {
          first = head.subarray(0, newline);
          break;
        }
        if (head.length > 1 << 20) break; // no header line within a megabyte: not a report
      }
      first ??= head;
    } catch (error) {
      throw readFailure(path, error, 1, t);
    }
    let start = 0;
    let end = first.length;
    if (end > start && first[end - 1] === CR) end -= 1;
    let decoder = new FieldDecoder(forced);
    if (first.subarray(0, 3).equals(BOM)) {
      start = 3;
      if (!forced) decoder = new FieldDecoder('utf-8');
    }
    if (end <= start) return new ReportFile(path, [], null, {}, info.mtime, forced, t);
    const starts = new Int32Array(MAX_COLUMNS);
    const ends = new Int32Array(MAX_COLUMNS);
    const count = cutFields(first, start, end, MAX_COLUMNS - 1, starts, ends);
    const headers = Array.from({ length: count }, (_, i) => decoder.decode(first, starts[i]!, ends[i]!));
    const spec = recogniseHeader(headers);
    const positions = spec ? columnPositions(spec, headers) : {};
    if (spec) {
      const missing = Object.keys(spec.columns).filter((c) => positions[c] === -1 && !spec.optional.includes(c));
      if (missing.length > 0) {
        throw new CliError(
          EXIT.usage,
          t('error.report-missing-column', { file: path, columns: missing.map((c) => spec.columns[c]!).join(', ') }),
          t('error.report-download-again'),
        );
      }
    }
    return new ReportFile(path, headers, spec, positions, info.mtime, forced ?? decoder.chosen, t);
  }

  /** Where a column of the report's kind is; -1 when the file does not have it. */
  column(logical: string): number {
    return this.positions[logical] ?? -1;
  }

  /**
   * The data rows, mapped by `map` in batches (one per chunk read); rows it maps to undefined
   * are left out. Only fields up to `lastColumn` are cut.
   */
  async *batches<T>(lastColumn: number, map: (row: RowView, file: ReportFile) => T | undefined): AsyncGenerator<T[]> {
    const row: RowView = { bytes: Buffer.alloc(0), line: 0, starts: new Int32Array(MAX_COLUMNS), ends: new Int32Array(MAX_COLUMNS), fields: 0 };
    const last = Math.min(lastColumn, MAX_COLUMNS - 1);
    this.decoder = new FieldDecoder(this.encoding);
    let carry: Buffer | null = null;
    let batch: T[] = [];
    const take = (bytes: Buffer, start: number, end: number) => {
      row.line += 1;
      if (end > start && bytes[end - 1] === CR) end -= 1;
      if (row.line === 1 || end === start) return;
      row.bytes = bytes;
      row.fields = cutFields(bytes, start, end, last, row.starts, row.ends);
      const mapped = map(row, this);
      if (mapped !== undefined) batch.push(mapped);
    };
    try {
      for await (const chunk of fileChunks(this.path)) {
        // The encoding is settled on the file's own bytes, at the first chunk that is not plain
        // ASCII: fields decoded later (from an arena) carry no context to judge by.
        if (this.decoder.chosen === null && !isAscii(chunk)) this.decoder.choose(detectEncoding(chunk));
        let from = 0;
        if (carry) {
          const newline = chunk.indexOf(LF);
          if (newline < 0) {
            carry = Buffer.concat([carry, chunk]);
            // No report row is megabytes long: a file (or a gzip) without line breaks is not read into memory whole.
            if (carry.length > MAX_LINE_BYTES) throw new CliError(EXIT.usage, this.t('error.report-line-too-long', { file: this.path, line: row.line + 1, bytes: MAX_LINE_BYTES }), this.t('error.report-download-again'));
            continue;
          }
          const joined = Buffer.concat([carry, chunk.subarray(0, newline)]);
          carry = null;
          take(joined, 0, joined.length);
          from = newline + 1;
        }
        for (let newline = chunk.indexOf(LF, from); newline >= 0; newline = chunk.indexOf(LF, from)) {
          take(chunk, from, newline);
          from = newline + 1;
        }
        if (from < chunk.length) carry = Buffer.from(chunk.subarray(from));
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
      }
      if (carry && carry.length > 0) take(carry, 0, carry.length);
      if (batch.length > 0) yield batch;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw readFailure(this.path, error, row.line + 1, this.t);
    }
  }

  private decoder = new FieldDecoder(null);

  /** A field as text; '' when the row is short or the file lacks the column. */
  text(row: RowView, column: number): string {
    if (column < 0 || column >= row.fields) return '';
    return this.decoder.decode(row.bytes, row.starts[column]!, row.ends[column]!);
  }

  /** Bytes of this file as text, in its encoding (for values decoded after their row was read). */
  decode(bytes: Buffer, start: number, end: number): string {
    return this.decoder.decode(bytes, start, end);
  }

  /** Turns a value problem into an error naming the file, the line and the column. */
  valueError(problem: unknown, line: number, logical: string): unknown {
    if (!(problem instanceof ReportValueProblem)) return problem;
    const header = this.spec?.columns[logical] ?? logical;
    return new CliError(
      EXIT.usage,
      this.t('error.report-value', { file: this.path, line, column: header, found: problem.found, expected: problem.kind ? this.t(`report.expected.${problem.kind}`) : problem.expected }),
      this.t('error.report-value-hint'),
    );
  }
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

/** A damaged gzip, a file that vanished or cannot be read: exit 2 with where and what to do. */
/** The longest row a report may have; Amazon's rows are a few kilobytes. */
const MAX_LINE_BYTES = 8 * 1024 * 1024;

function readFailure(path: string, error: unknown, line: number, t: Translate): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('Z_') || /unexpected end of file|incorrect header check|invalid/.test(String((error as Error).message))) {
    return new CliError(EXIT.usage, t('error.report-gzip', { file: path, line, detail: (error as Error).message }), t('error.report-download-again'));
  }
  return new CliError(EXIT.usage, t('error.report-unreadable', { file: path, code: code || (error as Error).message }), t('error.report-download-again'));
}
