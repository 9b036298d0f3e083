// Builds (or resumes) an archive: the source plans its units of work (one report request, one
// file), and each unit not already listed with a file that still hashes as listed is fetched,
// written whole (synced, renamed into place), and only then listed. An interrupted run leaves a
// list of whole files; the next run fetches only what is missing.
//
// Where a unit is listed: manifest.json is written (whole, synced) when a run starts and when it
// ends; in between, each unit is appended to the journal, one line, unsynced. Rewriting the
// manifest after every unit made a build quadratic in its files (each rewrite validates, writes and
// syncs all the entries so far) with two fsyncs per file; now each file costs its own fsync and one
// line. Resuming trusts neither list: it reads both (the journal's entry wins for a unit in both),
// and keeps an entry only while its file hashes as recorded (else its unit is fetched again). So
// a journal line lost or torn by a crash only means fetching again, and a file a crash left beside
// the lists, named by neither, is overwritten when its unit is fetched again. Only the last
// manifest says complete, written once every file is synced.

import { join } from 'node:path';
import { allGaps, gapsIn, mergePeriods, type ArchiveKind, type Period, type Requirement } from '../core/archive-coverage.js';
import { ArchiveFolder, hashArchiveFile, NotPlainFileError, sha256Of, type LockOwner } from './archive-folder.js';
import { fileNameSchema, INDEX_NAME, nameWithDigest, type Manifest, type ManifestFile, type ManifestProblem, type Origin } from './manifest.js';
import { isPartialName, manifestCoverage } from './verify-archive.js';

export interface ArchiveUnit {
  /** Stable across runs: resuming matches units by it. */
  id: string;
  kind: ArchiveKind;
  marketplaces: string[];
  period: Period;
}

export type UnitResult =
  | { type: 'file'; name: string; chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>; rows: () => number; origin: Origin; period?: Period }
  | { type: 'empty'; origin: Origin }
  | { type: 'problem'; status: ManifestProblem['status']; detail: string };

/** Where the records come from: the demo seller, a folder of reports, the Selling Partner API. */
export interface ArchiveSource {
  id: Manifest['source'];
  sellerId: string;
  regions: string[];
  units(required: readonly Requirement[]): Promise<ArchiveUnit[]>;
  /** Told which units are still to fetch, in order, before the first is asked for. */
  prepare?(todo: readonly ArchiveUnit[]): void;
  fetch(unit: ArchiveUnit): Promise<UnitResult>;
  /** What the source could not use (a file of no known kind), for the seller to hear. */
  warnings?: string[];
  /** A fair estimate of the time the remaining units take (rate limits), for the ETA. */
  estimateMs?(remaining: readonly ArchiveUnit[]): number;
}

export interface ArchiveProgress {
  done: number;
  total: number;
  unit: ArchiveUnit | null;
  etaMs: number | null;
}

export interface BuildOptions {
  day: string;
  required: Requirement[];
  now: () => number;
  onProgress?: (progress: ArchiveProgress) => void;
  /** After each unit is listed (in the journal) and its file in place (a test stops the process here). */
  afterUnit?: (unit: ArchiveUnit, wroteFile: boolean) => Promise<void>;
  /** A file of the archive that no longer hashed as listed, removed (fetched again, or its period a gap). */
  onDamaged?: (file: string) => void;
  /** Who builds: the folder is locked for it while the build runs (a second build at once is refused). */
  lock?: LockOwner;
  /** index.html, made from the final manifest. */
  page?: (manifest: Manifest) => string;
  /** Records the finished archive (the audit log's event); until it has, the journal stays and the archive reads as unfinished. */
  record?: (finished: { manifest: Manifest; manifestSha256: string; indexSha256: string | null }) => void;
}

export interface BuildResult {
  manifest: Manifest;
  fetched: number;
  reused: number;
  gaps: ReturnType<typeof allGaps>;
  manifestSha256: string;
  /** index.html's, when a page was made. */
  indexSha256: string | null;
}

/** Counts data rows in a text report as it streams: lines after the header, ended by LF, CRLF or a lone CR (old Mac spreadsheets). */
export function lineCounter(): { count: (chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) => AsyncIterable<Uint8Array>; rows: () => number } {
  let lines = 0;
  let last = 0x0a;
  return {
    async *count(chunks) {
      for await (const chunk of chunks) {
        for (const byte of chunk) {
          // CR ends a line; the LF of a CRLF does not end another.
          if (byte === 0x0d || (byte === 0x0a && last !== 0x0d)) lines += 1;
          last = byte;
        }
        yield chunk;
      }
    },
    rows: () => Math.max(0, lines + (last === 0x0a || last === 0x0d ? 0 : 1) - 1),
  };
}

export async function buildArchive(folder: ArchiveFolder, source: ArchiveSource, options: BuildOptions): Promise<BuildResult> {
  folder.create();
  if (options.lock) folder.lock(options.lock);
  try {
    return await buildLocked(folder, source, options);
  } finally {
    folder.unlock();
  }
}

async function buildLocked(folder: ArchiveFolder, source: ArchiveSource, options: BuildOptions): Promise<BuildResult> {
  const stamp = () => new Date(options.now()).toISOString();
  const existing = folder.readManifest();
  // Never another seller's archive replaced, nor an unrelated folder's files overwritten (--out).
  if (existing && (existing.seller.id !== source.sellerId || existing.source !== source.id)) throw folder.otherArchive(existing.seller.id, existing.source);
  if (!existing && folder.entries().some((name) => !isPartialName(name))) throw folder.notEmpty();
  const sameArchive = existing !== null;
  // Archived again on a later day: what it must cover now is as of that day (the files kept cover what they did).
  const manifest: Manifest = sameArchive
    ? { ...existing, seller: { id: source.sellerId, regions: source.regions }, day: options.day, required: options.required, complete: false, problems: [] }
    : { schemaVersion: 1, tool: 'close-account', seller: { id: source.sellerId, regions: source.regions }, source: source.id, day: options.day, createdAt: stamp(), updatedAt: stamp(), complete: false, required: options.required, files: [], problems: [] };
  const units = await source.units(manifest.required);
  // What the last run listed after its manifest was written: in the journal (a later entry for a unit replaces the earlier).
  const listed = new Map(manifest.files.map((f) => [f.unit, f]));
  if (sameArchive) for (const entry of folder.readJournal()) listed.set(entry.unit, entry);
  // A listed file that no longer hashes as listed is fetched again; one that does is kept.
  const kept: ManifestFile[] = [];
  const damaged: string[] = [];
  for (const entry of listed.values()) {
    if (entry.file === null) {
      kept.push(entry);
      continue;
    }
    try {
      const found = await hashArchiveFile(join(folder.dir, entry.file));
      if (found.sha256 === entry.sha256 && found.bytes === entry.bytes) kept.push(entry);
      else damaged.push(entry.file);
    } catch (error) {
      // A symlink or FIFO put in its place is refused, named (never read through, never waited on).
      if (error instanceof NotPlainFileError) throw folder.notPlain(error.path);
      // Missing or unreadable: fetched again below.
    }
  }
  manifest.files = kept;
  const done = new Set(kept.map((f) => f.unit));
  // A unit is done when fetched before, or when what was kept (for the same marketplaces) already covers
  // its period: archived again later, windows fall elsewhere, and only what is new is fetched.
  const coveredByKept = (unit: ArchiveUnit) => {
    // A snapshot is taken again; a report file of a folder is copied whatever else covers its days.
    if (unit.kind === 'seller-performance' || source.id === 'reports') return false;
    const same = kept.filter((f) => f.kind === unit.kind && f.marketplaces.join('+') === unit.marketplaces.join('+'));
    return same.length > 0 && gapsIn(unit.period, mergePeriods(same.map((f) => f.period))).length === 0;
  };
  const todo = units.filter((u) => !done.has(u.id) && !coveredByKept(u));
  const reused = kept.filter((f) => f.file !== null).length;
  const skipped = units.length - todo.length;
  // The manifest first, then the journal emptied: killed between the two, the next run reads both again.
  folder.writeManifest({ ...manifest, updatedAt: stamp() });
  // A listed file that no longer hashes as listed (cut short, changed) is no longer listed: its bytes
  // go too, said. Left, a file whose unit is not fetched again (archived on a later day, its window
  // moved) stayed in the folder unlisted, and the new archive failed its own verify.
  const keptNames = new Set(kept.map((f) => f.file));
  for (const name of new Set(damaged)) {
    if (keptNames.has(name)) continue;
    folder.removeFile(name);
    options.onDamaged?.(name);
  }
  folder.startJournal();
  let fetched = 0;
  let manifestSha256: string;
  /** Each file name in use (lower case: a Mac's disk tells no more), by the unit whose file it is. */
  const taken = new Map(kept.flatMap((f) => (f.file === null ? [] : [[f.file.toLowerCase(), f.unit] as const])));
  try {
    source.prepare?.(todo);
    for (const [index, unit] of todo.entries()) {
      options.onProgress?.({ done: skipped + index, total: units.length, unit, etaMs: source.estimateMs?.(todo.slice(index)) ?? null });
      const result = await source.fetch(unit);
      let entry: ManifestFile | null = null;
      if (result.type === 'problem') {
        // Not listed: the next run asks again.
        manifest.problems.push({ unit: unit.id, kind: unit.kind, period: unit.period, status: result.status, detail: result.detail });
      } else if (result.type === 'empty') {
        entry = { file: null, kind: unit.kind, marketplaces: unit.marketplaces, period: unit.period, rows: 0, bytes: 0, sha256: null, origin: result.origin, unit: unit.id };
      } else {
        // A name the manifest cannot list (a path, the manifest's or the page's) is a bug of the source: nothing is written under it.
        if (!fileNameSchema.safeParse(result.name).success) throw new Error(`archive source ${source.id} named a file ${JSON.stringify(result.name)}, which an archive cannot hold`);
        // A name a kept file of another unit holds (a report file edited since the last run: a new unit, the same name) is
        // made distinct by the unit: written over, the kept file no longer hashed as listed and the new archive failed its own verify.
        const holder = taken.get(result.name.toLowerCase());
        const name = holder === undefined || holder === unit.id ? result.name : nameWithDigest(result.name, sha256Of(unit.id));
        taken.set(name.toLowerCase(), unit.id);
        const written = await folder.writeFile(name, result.chunks);
        entry = { file: name, kind: unit.kind, marketplaces: unit.marketplaces, period: result.period ?? unit.period, rows: result.rows(), bytes: written.bytes, sha256: written.sha256, origin: result.origin, unit: unit.id };
        fetched += 1;
      }
      if (entry) {
        manifest.files.push(entry);
        folder.appendJournal(entry);
      }
      await options.afterUnit?.(unit, result.type === 'file');
    }
    manifest.complete = true;
    manifest.updatedAt = stamp();
    manifestSha256 = folder.writeManifest(manifest);
  } finally {
    folder.closeJournal();
  }
  // The page made from the final manifest, then the archive recorded, and only then the journal
  // removed: a journal left means the build did not finish (verify says so). It was removed before
  // the page and the record, so a kill between them left a complete manifest, a page of the run
  // before and no record: verify named manifest.json as changed. (Left by a kill, the next run
  // finds the journal's entries in the manifest too.)
  const page = options.page ? await folder.writeFile(INDEX_NAME, [Buffer.from(options.page(manifest))]) : null;
  options.record?.({ manifest, manifestSha256, indexSha256: page?.sha256 ?? null });
  folder.removeJournal();
  options.onProgress?.({ done: units.length, total: units.length, unit: null, etaMs: 0 });
  return { manifest, fetched, reused, gaps: allGaps(manifestCoverage(manifest)), manifestSha256, indexSha256: page?.sha256 ?? null };
}
