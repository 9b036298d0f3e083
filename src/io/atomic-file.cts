// The one way this program replaces a file: written whole into a temporary file beside it (same
// folder, so the rename cannot cross file systems), flushed, then renamed over the target. A reader
// sees the old file or the new one, never half of one; a failure removes the temporary file.
// Files are the seller's own (0600 unless told otherwise).

import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** The new file's mode (0600 by default). */
  mode?: number;
}

/** The temporary file beside `path` that this process writes before the rename. */
export function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/** A temporary file being written: committed (flushed, renamed into place) or abandoned (removed). */
class PendingFile {
  readonly temporary: string;
  readonly fd: number;
  private open = true;

  constructor(
    readonly path: string,
    options: AtomicWriteOptions,
  ) {
    this.temporary = temporaryBeside(path);
    // Created new ('wx'), never opened through what is already there (a link planted in its place);
    // one left by a killed process of the same id is removed first.
    let fd: number;
    try {
      fd = openSync(this.temporary, 'wx', options.mode ?? 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      rmSync(this.temporary, { force: true });
      fd = openSync(this.temporary, 'wx', options.mode ?? 0o600);
    }
    this.fd = fd;
  }

  commit(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.open = false;
    renameSync(this.temporary, this.path);
  }

  abandon(): void {
    if (this.open) closeSync(this.fd);
    rmSync(this.temporary, { force: true });
  }
}

/**
 * Opens the temporary file, lets `write` fill it (through the descriptor), then flushes and renames
 * it into place. Anything thrown, by `write` or the file system, removes the temporary file and is
 * thrown again as it was.
 */
export async function writeAtomically(path: string, write: (fd: number) => Promise<void> | void, options: AtomicWriteOptions = {}): Promise<void> {
  const pending = new PendingFile(path, options);
  try {
    await write(pending.fd);
    pending.commit();
  } catch (error) {
    pending.abandon();
    throw error;
  }
}

/** `writeAtomically` for data already in hand, synchronously (small state files: a chain head, rate buckets, a code cache). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const pending = new PendingFile(path, options);
  try {
    writeFileSync(pending.fd, data);
    pending.commit();
  } catch (error) {
    pending.abandon();
    throw error;
  }
}
