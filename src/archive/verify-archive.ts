// `archive verify`: every file re-hashed against the manifest, and the manifest's own hash against
// the ones the audit log recorded. Intact only when every file is as listed and the manifest is
// one the log knows; anything else names what changed.

import { closeSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageOf, type KindCoverage } from '../core/archive-coverage.js';
import type { Translate } from '../messages/catalogue.js';
import { ArchiveFolder, hashArchiveFile, NotPlainFileError, openPlainFile, sha256Of, type LockOwner } from './archive-folder.js';
import { INDEX_NAME, JOURNAL_NAME, LOCK_NAME, MANIFEST_NAME, type Manifest } from './manifest.js';

/** unlisted: in the folder but not in the manifest (nor the manifest or its page); not-a-file: a symlink or folder where a file was listed. */
export type FileProblem = 'missing' | 'changed' | 'unreadable' | 'unlisted' | 'not-a-file';

/** A file being written (temporary name, renamed once whole), the journal or the lock of a build under way: not part of the archive. */
export const isPartialName = (name: string): boolean => name === JOURNAL_NAME || name === LOCK_NAME || /^\..+\.partial$/.test(name);

export interface ArchiveVerification {
  dir: string;
  /** intact: every file as listed and the manifest recorded; changed: something is not. */
  status: 'intact' | 'changed';
  manifestSha256: string;
  /** Whether the audit log recorded this manifest's hash for the archive. */
  manifestRecorded: boolean;
  changed: { file: string; problem: FileProblem }[];
  files: number;
  complete: boolean;
  /** The build that wrote it stopped before the end (its manifest not complete, or its journal left): archive again to finish it. */
  unfinished: boolean;
  /** A build writing the folder now (its lock held by a running process): verify once it finishes. */
  building: { pid: number; host: string } | null;
  coverage: KindCoverage[];
  seller: string;
  day: string;
  manifest: Manifest;
}

/** The manifest's hash as the audit log records it: of its bytes on disk. */
export function manifestHash(dir: string): string {
  const fd = openPlainFile(join(dir, MANIFEST_NAME));
  try {
    return sha256Of(readFileSync(fd));
  } finally {
    closeSync(fd);
  }
}

/** The coverage the manifest's files and empty answers give, against what it was asked to cover. */
export function manifestCoverage(manifest: Manifest): KindCoverage[] {
  return coverageOf(manifest.required, manifest.files, manifest.problems);
}

/**
 * Verifies the archive in `dir`. `recordedHashes` are the manifest hashes the audit log holds for
 * archives (the caller reads the log); `recordedIndexes`, the index.html hash recorded with each
 * manifest hash: the page a seller reads is checked too. Throws an input error when there is no
 * readable manifest.
 */
export async function verifyArchive(dir: string, recordedHashes: ReadonlySet<string>, t: Translate, recordedIndexes: ReadonlyMap<string, string> = new Map(), probe: Pick<LockOwner, 'host' | 'isAlive'> | null = null): Promise<ArchiveVerification> {
  const folder = new ArchiveFolder(dir, t);
  // A manifest.json that is a symlink or FIFO is refused, named (read through, or waited on for ever, before).
  const read = folder.readManifestFile();
  if (!read) {
    const { UsageError } = await import('../errors.js');
    throw new UsageError(t('archive.no-manifest', { dir }), t('archive.no-manifest-hint'));
  }
  const { manifest, sha256: manifestSha256 } = read;
  const changed: ArchiveVerification['changed'] = [];
  // A symlink is not the archive's own file (its bytes live elsewhere and a moved folder loses them), nor is a FIFO or folder: never read.
  const problemOf = (error: unknown): FileProblem => (error instanceof NotPlainFileError ? 'not-a-file' : (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable');
  for (const entry of manifest.files) {
    if (entry.file === null) continue;
    try {
      const found = await hashArchiveFile(join(dir, entry.file));
      if (found.sha256 !== entry.sha256 || found.bytes !== entry.bytes) changed.push({ file: entry.file, problem: 'changed' });
    } catch (error) {
      changed.push({ file: entry.file, problem: problemOf(error) });
    }
  }
  // What the folder holds beyond the manifest, its page and files being written is named: the archive cannot account for it.
  const listed = new Set<string>([MANIFEST_NAME, INDEX_NAME, ...manifest.files.flatMap((f) => (f.file === null ? [] : [f.file]))]);
  for (const name of readdirSync(dir).sort()) if (!listed.has(name) && !isPartialName(name)) changed.push({ file: name, problem: 'unlisted' });
  const index = recordedIndexes.get(manifestSha256);
  if (index !== undefined) {
    try {
      if ((await hashArchiveFile(join(dir, INDEX_NAME))).sha256 !== index) changed.push({ file: INDEX_NAME, problem: 'changed' });
    } catch (error) {
      changed.push({ file: INDEX_NAME, problem: problemOf(error) });
    }
  }
  const manifestRecorded = recordedHashes.has(manifestSha256);
  if (!manifestRecorded) changed.unshift({ file: MANIFEST_NAME, problem: 'changed' });
  return {
    dir,
    status: changed.length === 0 ? 'intact' : 'changed',
    manifestSha256,
    manifestRecorded,
    changed,
    files: manifest.files.filter((f) => f.file !== null).length,
    complete: manifest.complete,
    unfinished: !manifest.complete || existsSync(join(dir, JOURNAL_NAME)),
    building: probe ? folder.buildingNow(probe) : null,
    coverage: manifestCoverage(manifest),
    seller: manifest.seller.id,
    day: manifest.day,
    manifest,
  };
}
