// Files the seller asks for (--out, --ics, --csv-dir, audit export --out) are written whole or not
// at all: into a temporary file beside the target, renamed into place; any failure (a missing
// folder, a folder where the file should be, no permission, a full disk) removes what was begun
// and is an input error (exit 2) that names the path, never "a bug". Files are the seller's own
// (0600): they hold seller ids, e-mail addresses and SKUs.

import { closeSync, constants, mkdirSync, openSync, readSync, rmSync, rmdirSync, statSync, writeSync } from 'node:fs';
import { writeAtomically } from './atomic-file.cjs';
import { UsageError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';

function unwritable(path: string, error: unknown, t: Translate): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new UsageError(t('error.out-unwritable', { path, code }), t('error.out-hint'));
}

/** The file starts as an SQLite database ("SQLite format 3") or write-ahead log (magic 0x377f0682/3) does. */
function isDatabaseFile(path: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const head = Buffer.alloc(16);
    const length = readSync(fd, head, 0, 16, 0);
    if (length >= 16 && head.toString('latin1') === 'SQLite format 3\0') return true;
    return length >= 4 && (head.readUInt32BE(0) & 0xfffffffe) === 0x377f0682;
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Writes `chunks` to `path` atomically; throws a UsageError (and leaves nothing) when it cannot. */
export async function writeOutputFile(path: string, chunks: string | AsyncIterable<string> | Iterable<string>, t: Translate): Promise<void> {
  const fs = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      throw unwritable(path, error, t);
    }
  };
  const existing = fs(() => {
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      return stat;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return null;
    }
  });
  // An SQLite database or write-ahead log (the audit log itself, given as --out by mistake) is never
  // replaced by a dossier or a calendar: the proof would be gone, with an exit 0.
  if (existing?.isFile() && isDatabaseFile(path)) throw new UsageError(t('error.out-is-database', { path }), t('error.out-is-database-hint'));
  // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written into, never replaced: renaming a
  // file over it would put a plain file in place of /dev/null for everyone (as root).
  if (existing && !existing.isFile()) {
    const fd = fs(() => openSync(path, 'w'));
    try {
      for await (const chunk of typeof chunks === 'string' ? [chunks] : chunks) fs(() => writeSync(fd, chunk));
    } finally {
      closeSync(fd);
    }
    return;
  }
  // Written in blocks of 64 KiB: a CSV of 200,000 SKUs is a few dozen writes, not 200,000.
  // The data source failing mid-way is its own error, thrown as it is; the file is removed either way.
  let sourceFailure: { error: unknown } | null = null;
  await writeAtomically(path, async (fd) => {
    let pending = '';
    try {
      for await (const chunk of typeof chunks === 'string' ? [chunks] : chunks) {
        pending += chunk;
        if (pending.length >= 65536) {
          const block = pending;
          fs(() => writeSync(fd, block));
          pending = '';
        }
      }
    } catch (error) {
      sourceFailure = { error };
      throw error;
    }
    if (pending) fs(() => writeSync(fd, pending));
  }).catch((error: unknown) => {
    throw sourceFailure || error instanceof UsageError ? error : unwritable(path, error, t);
  });
}

/** A folder for several output files: made if missing; `undo()` removes what was made, if a later step fails. */
export function outputFolder(dir: string, t: Translate): { made: string[]; undo(): void } {
  const made: string[] = [];
  let created: string | undefined;
  try {
    created = mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (error) {
    throw unwritable(dir, error, t);
  }
  return {
    made,
    undo: () => {
      for (const file of made) rmSync(file, { force: true });
      if (created) {
        try {
          rmdirSync(dir);
        } catch {
          // Something else is in it now: left as it is.
        }
      }
    },
  };
}
