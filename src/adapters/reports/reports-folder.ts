// A folder of report files downloaded from Seller Central: each file's kind is read from its
// header; files of no known kind are set aside with a reason.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ReportsFolderError } from '../../errors.js';
import type { Translate } from '../../messages/catalogue.js';
import { fileChunks, readHead } from './file-chunks.js';
import { ReportFile } from './report-file.js';
import { cutHeaderKinds, isOldSettlementHeader, lookalikeKinds, looksLikeDateRangePreamble, otherFormKinds, REPORT_KINDS, type ReportKind, type SkipReason } from './report-kinds.js';
import type { Encoding } from './text-encoding.js';

export interface SkippedFile {
  name: string;
  reason: SkipReason;
  /** For an unreadable entry: the system's reason (ELOOP for a symlink loop, EACCES, ...). */
  code?: string;
  /** The kinds of report it may be (empty, damaged, or with Japanese headers): their checks cannot pass. */
  kinds?: ReportKind[];
}

export interface ReportsFolder {
  dir: string;
  byKind: Map<ReportKind, ReportFile[]>;
  skipped: SkippedFile[];
}

export async function scanReportsFolder(dir: string, encoding: Encoding | null, t: Translate): Promise<ReportsFolder> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    names = (await readdir(dir)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ReportsFolderError('unreadable', t('error.reports-dir', { dir, code }), t('error.reports-dir-hint'));
  }
  const byKind = new Map<ReportKind, ReportFile[]>();
  const skipped: SkippedFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    // A name starting with a dot (.DS_Store, ._x, .localized, .Trashes) is left alone unless its
    // header is, or looks like, a report's: a report is told by its header, never by its name.
    const hidden = name.startsWith('.');
    let isFile: boolean;
    let isFolder = false;
    try {
      const info = await stat(path);
      isFile = info.isFile();
      isFolder = info.isDirectory();
    } catch (error) {
      if (hidden) continue;
      // A dangling link or a link loop: set aside, said, not fatal; but it may have been any
      // report (a download moved away, a link to a drive not mounted), so no check can pass on
      // what the other files show.
      skipped.push({ name, reason: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? 'error', kinds: [...REPORT_KINDS] });
      continue;
    }
    // A subfolder (older downloads moved aside, a zip unpacked) may hold any report: not looked
    // in, but named, and no check passes on what the files beside it show. So is a pipe or a device.
    if (!isFile) {
      if (hidden) continue;
      skipped.push(isFolder ? { name, reason: 'folder', kinds: [...REPORT_KINDS] } : { name, reason: 'unreadable', code: 'not a file', kinds: [...REPORT_KINDS] });
      continue;
    }
    const file = await ReportFile.open(path, encoding, t);
    if (file.spec) {
      const list = byKind.get(file.spec.kind) ?? [];
      list.push(file);
      byKind.set(file.spec.kind, list);
    } else {
      // Only NUL bytes (or blanks) where the header should be: space set aside for a download
      // that never wrote (a crash, a full disk). As empty as an empty file.
      const blank = file.headers.every((name) => /^[\s\0]*$/.test(name));
      // The old settlement flat file (removed by Amazon on 11 November 2026): V2 is what is read.
      const oldSettlement = !file.headerCut && isOldSettlementHeader(file.headers);
      const reason = (await isArchive(path)) ? 'archive' : isErrorPage(file.headers) ? 'error-page' : blank ? 'empty' : file.japaneseHeaders ? 'japanese-headers' : oldSettlement ? 'old-settlement' : 'unknown-kind';
      // An empty file may be any report whose download failed; a Japanese header, any report.
      // A header cut off before its line break may be any report whose first names it starts.
      // An archive or a spreadsheet may hold any report, as a folder may.
      let kinds = reason === 'old-settlement' ? (['settlement'] as ReportKind[]) : reason !== 'unknown-kind' ? [...REPORT_KINDS] : file.headerCut ? cutHeaderKinds(file.headers) : lookalikeKinds(file.headers);
      // A report saved with commas or semicolons between its cells: its kind is told, and its checks cannot pass beside it.
      if (reason === 'unknown-kind' && kinds.length === 0) kinds = otherFormKinds(file.headers);
      // A Date Range report cut off in the text before its header: its checks cannot pass beside it.
      if (reason === 'unknown-kind' && kinds.length === 0 && looksLikeDateRangePreamble(file.headers)) kinds = ['date-range'];
      if (hidden && (reason === 'empty' || file.headerCut || kinds.length === 0)) continue;
      skipped.push({ name, reason, ...(kinds.length > 0 ? { kinds } : {}) });
    }
  }
  return { dir, byKind, skipped };
}

/**
 * A download that failed, saved under a report's name: a web page (a sign-in or error page the
 * browser saved), a storage service's XML error (an expired link), an API's JSON error. It stands
 * for a report that is not there, which may be any report.
 */
const ERROR_PAGE = /^(<!doctype html|<html[\s>]|<\?xml|<error>|\{\s*"(errors?|message|code)"\s*:)/i;

function isErrorPage(headers: readonly string[]): boolean {
  return ERROR_PAGE.test(headers.join('\t').replace(/^\ufeff/, '').trimStart());
}

/**
 * How archives and spreadsheets begin: zip (and .xlsx, a zip), 7-Zip, RAR, the old Excel
 * workbook (.xls), and a file compressed by hand other than with gzip (which is read): bzip2
 * ("BZh", a block size, then a block's or the end's magic), xz, zstd. A report saved, packed or
 * compressed in one is not read, but may be any report.
 */
const ARCHIVE_MAGIC = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07],
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
  [0x28, 0xb5, 0x2f, 0xfd],
].map((bytes) => Buffer.from(bytes));

const BZIP2_BLOCKS = [Buffer.from('1AY&SY', 'latin1'), Buffer.from([0x17, 0x72, 0x45, 0x38, 0x50, 0x90])];
const isBzip2 = (head: Buffer) => head.toString('latin1', 0, 3) === 'BZh' && head[3]! >= 0x31 && head[3]! <= 0x39 && BZIP2_BLOCKS.some((magic) => head.subarray(4, 4 + magic.length).equals(magic));
/** A tar archive's first header names its format at byte 257 ("ustar", POSIX and GNU alike). */
const TAR_AT = 257;
const TAR = Buffer.from('ustar');
const HEAD = 512;

function archiveMagic(head: Buffer): boolean {
  return (
    ARCHIVE_MAGIC.some((magic) => head.subarray(0, magic.length).equals(magic)) ||
    isBzip2(head) ||
    head.subarray(TAR_AT, TAR_AT + TAR.length).equals(TAR)
  );
}

/** Whether a file is an archive, a spreadsheet or a compressed file: as it is, or once gunzipped (a .tar.gz). */
async function isArchive(path: string): Promise<boolean> {
  const head = await readHead(path, HEAD);
  if (archiveMagic(head)) return true;
  if (head[0] !== 0x1f || head[1] !== 0x8b) return false;
  let inner = Buffer.alloc(0);
  try {
    for await (const chunk of fileChunks(path, HEAD, true)) {
      inner = Buffer.concat([inner, chunk]);
      if (inner.length >= HEAD) break;
    }
  } catch {
    // A damaged gzip is said when its rows are read.
  }
  return archiveMagic(inner);
}
