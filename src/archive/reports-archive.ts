// `archive --adapter reports`: the folder's report files copied byte for byte, each recognised by
// its header (report-kinds.ts) and dated by its own rows. A Seller Central file does not say which
// range was asked for, so a file proves only the days from its first dated row to its last (fail
// closed: quiet days at either end show as gaps). Snapshots (listings, inventory) are dated by the
// day the file was saved. A file of no known kind is not copied and is named.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { ArchiveKind, Period } from '../core/archive-coverage.js';
import { toIsoDate } from '../core/dates.js';
import type { Translate } from '../messages/catalogue.js';
import type { ReportFile } from '../adapters/reports/report-file.js';
import { normaliseHeader } from '../adapters/reports/report-kinds.js';
import { parseReportDay } from '../adapters/reports/report-values.js';
import { scanReportsFolder } from '../adapters/reports/reports-folder.js';
import { hashFile } from './archive-folder.js';
import { lineCounter, type ArchiveSource, type ArchiveUnit, type UnitResult } from './build-archive.js';
import { nameWithDigest } from './manifest.js';

/** The dated column of each history kind (as report-formats.md names it); the others are snapshots. */
const DATE_COLUMN: Partial<Record<ArchiveKind, string[]>> = {
  'all-orders': ['purchase-date'],
  returns: ['return request date'],
  'removal-orders': ['request-date'],
  'fba-customer-returns': ['return-date'],
  settlements: ['settlement-start-date', 'settlement-end-date'],
};

interface FoundFile {
  file: ReportFile;
  kind: ArchiveKind;
  unit: ArchiveUnit | null;
  sha256: string;
  /** Its name in the archive. */
  name: string;
  problem: string | null;
}

/**
 * Each copied file's name in the archive: the source's name, kept as given where it is plain and
 * no other file's is the same but for case (a Mac's or Windows's disk tells them apart by no more).
 * Otherwise made plain, with the start of its SHA-256: "a b.txt" and "a-b.txt" made plain are one
 * name, and the second written would overwrite the first (the manifest names the source).
 */
export function archivedNames(files: readonly { kind: ArchiveKind; name: string; sha256: string }[]): string[] {
  const given = files.map((f) => `${f.kind}_${f.name}`);
  const plain = given.map((g) => g.replace(/[^A-Za-z0-9._+-]/g, '-'));
  const seen = new Map<string, number>();
  for (const p of plain) seen.set(p.toLowerCase(), (seen.get(p.toLowerCase()) ?? 0) + 1);
  return plain.map((p, i) => {
    if (p === given[i] && p.length <= 200 && seen.get(p.toLowerCase()) === 1) return p;
    return nameWithDigest(p, files[i]!.sha256);
  });
}

/** Whether a file starts with gzip's magic bytes. */
async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The days a file's dated rows span; null when none can be read. */
async function periodOf(file: ReportFile, kind: ArchiveKind): Promise<Period | null> {
  const names = DATE_COLUMN[kind];
  if (!names) {
    const day = toIsoDate(file.modified);
    return { from: day, to: day };
  }
  const headers = file.headers.map(normaliseHeader);
  const columns = names.map((name) => headers.indexOf(name)).filter((i) => i >= 0);
  if (columns.length === 0) return null;
  let from: string | null = null;
  let to: string | null = null;
  for await (const batch of file.batches(Math.max(...columns), (row) => columns.map((c) => file.text(row, c).trim()).filter(Boolean))) {
    for (const texts of batch) {
      for (const text of texts) {
        // A date that cannot be read is an input error with file and line (report-values.ts): it could widen the span.
        const day = parseReportDay(text);
        if (from === null || day < from) from = day;
        if (to === null || day > to) to = day;
      }
    }
  }
  return from && to ? { from, to } : null;
}

export async function reportsArchiveSource(dir: string, sellerId: string | null, _day: string, t: Translate): Promise<ArchiveSource> {
  const folder = await scanReportsFolder(dir, null, t);
  const found: FoundFile[] = [];
  const files: { file: ReportFile; kind: ArchiveKind }[] = [...folder.byKind].flatMap(([kind, list]) => list.map((file) => ({ file, kind: kind as ArchiveKind })));
  // Settlement flat files are documented but read by no check: recognised here by their own columns.
  const settlementHeader = ['settlement-id', 'settlement-start-date', 'settlement-end-date'];
  for (const skipped of folder.skipped) {
    if (skipped.reason !== 'unknown-kind' && skipped.reason !== 'old-settlement') continue;
    const { ReportFile: Reader } = await import('../adapters/reports/report-file.js');
    const file = await Reader.open(`${folder.dir}/${skipped.name}`, null, t);
    const headers = new Set(file.headers.map(normaliseHeader));
    if (settlementHeader.every((h) => headers.has(h))) files.push({ file, kind: 'settlements' });
  }
  files.sort((a, b) => (a.file.name < b.file.name ? -1 : 1));
  for (const { file, kind } of files) {
    const period = await periodOf(file, kind);
    const { sha256 } = await hashFile(file.path);
    const unit = period ? { id: `file:${file.name}:${sha256}`, kind, marketplaces: [], period } : null;
    found.push({ file, kind, unit, sha256, name: '', problem: period ? null : t('archive.reports-no-period') });
  }
  const names = archivedNames(found.map((f) => ({ kind: f.kind, name: f.file.name, sha256: f.sha256 })));
  found.forEach((f, i) => (f.name = names[i]!));
  const byUnit = new Map(found.flatMap((f) => (f.unit ? [[f.unit.id, f] as const] : [])));
  return {
    id: 'reports',
    sellerId: sellerId ?? 'reports',
    regions: [],
    async units() {
      return found.filter((f) => f.unit).map((f) => f.unit!);
    },
    async fetch(unit: ArchiveUnit): Promise<UnitResult> {
      const entry = byUnit.get(unit.id)!;
      const counter = lineCounter();
      // A gzipped report is copied as it is; its rows are counted in the text it holds, not in the gzip's bytes.
      if (await isGzip(entry.file.path)) {
        const unpacked = lineCounter();
        for await (const chunk of unpacked.count(createReadStream(entry.file.path).pipe(createGunzip()))) void chunk;
        const rows = unpacked.rows();
        return { type: 'file', name: entry.name, chunks: createReadStream(entry.file.path), rows: () => rows, origin: { type: 'file', sourceFile: entry.file.name } };
      }
      return { type: 'file', name: entry.name, chunks: counter.count(createReadStream(entry.file.path)), rows: counter.rows, origin: { type: 'file', sourceFile: entry.file.name } };
    },
    warnings: [
      ...found.filter((f) => f.problem).map((f) => `${f.file.name}: ${f.problem!}`),
      ...folder.skipped.filter((s) => !files.some((f) => f.file.name === s.name)).map((s) => t(`reports.skipped.${s.reason}`, { file: s.name, code: s.code ?? '' })),
    ],
  };
}
