// One report file: its header read and recognised, then its rows streamed with only the columns
// the checks use decoded. Memory stays at about one read chunk whatever the file's size.

import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CliError, EXIT } from '../../errors.js';
import type { Translate } from '../../messages/catalogue.js';
import { fileChunks, readLines, type ByteLine } from './line-reader.js';
import { columnPositions, looksJapanese, recogniseHeader, type ReportKindSpec } from './report-kinds.js';
import { FieldDecoder, type Encoding } from './text-encoding.js';
import { ReportValueProblem } from './report-values.js';

const TAB = 0x09;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface ReportRow {
  line: number;
  /** The requested columns' values, in the order asked for; '' where the row is short or the column absent. */
  values: string[];
}

export class ReportFile {
  private constructor(
    readonly path: string,
    readonly headers: string[],
    readonly spec: ReportKindSpec | null,
    readonly positions: Record<string, number>,
    readonly modified: Date,
    private readonly forcedEncoding: Encoding | null,
    private readonly t: Translate,
    readonly headerEncoding: Encoding | null,
  ) {}

  get name(): string {
    return basename(this.path);
  }

  get japaneseHeaders(): boolean {
    return looksJapanese(this.headers);
  }

  /** Reads the header row only. */
  static async open(path: string, encoding: Encoding | null, t: Translate): Promise<ReportFile> {
    const info = await stat(path);
    let header: ByteLine | null = null;
    const decoder = new FieldDecoder(encoding);
    try {
      for await (const line of readLines(fileChunks(path, 64 * 1024))) {
        header = line;
        break;
      }
    } catch (error) {
      throw readFailure(path, error, 1, t);
    }
    if (!header) return new ReportFile(path, [], null, {}, info.mtime, encoding, t, encoding);
    let start = header.start;
    let headerDecoder = decoder;
    if (header.bytes.subarray(start, start + 3).equals(BOM)) {
      start += 3;
      if (!encoding) headerDecoder = new FieldDecoder('utf-8');
    }
    const headers = splitFields(header.bytes, start, header.end).map(([s, e]) => headerDecoder.decode(header!.bytes, s, e));
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
    const chosen = headerDecoder.chosen ?? encoding;
    return new ReportFile(path, headers, spec, positions, info.mtime, encoding, t, chosen);
  }

  /** The data rows, with the named columns decoded (header and blank lines skipped). */
  async *rows(columns: string[]): AsyncGenerator<ReportRow> {
    const wanted = columns.map((c) => this.positions[c] ?? -1);
    const last = Math.max(...wanted);
    const decoder = new FieldDecoder(this.forcedEncoding ?? this.headerEncoding);
    const cuts: [number, number][] = [];
    let lineNumber = 0;
    try {
      for await (const line of readLines(fileChunks(this.path))) {
        lineNumber = line.number;
        if (line.number === 1 || line.end === line.start) continue;
        cutFields(line.bytes, line.start, line.end, last, cuts);
        const values = wanted.map((col) => {
          const cut = col >= 0 ? cuts[col] : undefined;
          return cut ? decoder.decode(line.bytes, cut[0], cut[1]) : '';
        });
        yield { line: line.number, values };
      }
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw readFailure(this.path, error, lineNumber + 1, this.t);
    }
  }

  /** Turns a value problem into an error naming the file, the line and the column. */
  valueError(problem: unknown, row: ReportRow, column: string): unknown {
    if (!(problem instanceof ReportValueProblem)) return problem;
    const header = this.spec?.columns[column] ?? column;
    return new CliError(
      EXIT.usage,
      this.t('error.report-value', { file: this.path, line: row.line, column: header, found: problem.found, expected: problem.expected }),
      this.t('error.report-value-hint'),
    );
  }
}

/** Positions of every field of a line. */
function splitFields(bytes: Buffer, start: number, end: number): [number, number][] {
  const cuts: [number, number][] = [];
  cutFields(bytes, start, end, Number.MAX_SAFE_INTEGER, cuts);
  return cuts;
}

/** Positions of the fields up to column `last`; later ones are never looked at. */
function cutFields(bytes: Buffer, start: number, end: number, last: number, cuts: [number, number][]): void {
  cuts.length = 0;
  let from = start;
  for (let col = 0; col <= last; col++) {
    let tab = bytes.indexOf(TAB, from);
    if (tab < 0 || tab > end) tab = end;
    cuts.push([from, tab]);
    if (tab >= end) break;
    from = tab + 1;
  }
}

/** A damaged gzip, a file that vanished or cannot be read: exit 2 with where and what to do. */
function readFailure(path: string, error: unknown, line: number, t: Translate): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('Z_') || /unexpected end of file|incorrect header check|invalid/.test(String((error as Error).message))) {
    return new CliError(EXIT.usage, t('error.report-gzip', { file: path, line, detail: (error as Error).message }), t('error.report-download-again'));
  }
  return new CliError(EXIT.usage, t('error.report-unreadable', { file: path, code: code || (error as Error).message }), t('error.report-download-again'));
}
