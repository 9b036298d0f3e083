// The archive folder on disk. Each file is written under a temporary name, synced and renamed into
// place, and only then listed: appended to the journal (.manifest.journal, one JSON line per entry)
// while a build runs, and in manifest.json, replaced whole (temporary file, fsync, rename), when it
// starts and when it ends (build-archive.ts says why). A full disk, an unwritable folder or a kill
// at any instant leaves the last manifest as it was and the journal naming only files that were
// whole when it was appended to. Such a failure is an input error (exit 2) that names the path.

import { createHash } from 'node:crypto';
import { closeSync, constants, createReadStream, existsSync, fstatSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';
import { JOURNAL_NAME, LOCK_NAME, MANIFEST_NAME, manifestFileSchema, manifestSchema, type Manifest, type ManifestFile } from './manifest.js';

/** The file-system calls that write: tests replace them to fail as a full disk does. */
export interface WriteCalls {
  openSync: typeof openSync;
  writeSync: (fd: number, data: Uint8Array) => number;
  fsyncSync: typeof fsyncSync;
  renameSync: typeof renameSync;
}
export const REAL_WRITES: WriteCalls = { openSync, writeSync: (fd, data) => writeSync(fd, data), fsyncSync, renameSync };

/** A file being written under its temporary name; fd is null once closed. */
interface PendingWrite {
  path: string;
  temporary: string;
  fd: number | null;
}

export interface WrittenFile {
  bytes: number;
  sha256: string;
}

/** The process taking the folder's lock: who it is, and how to tell whether another holder still runs. */
export interface LockOwner {
  pid: number;
  host: string;
  isAlive: (pid: number) => boolean;
  /** A lock left by a process that is gone (killed) is taken over: told so, with its pid. */
  onStale?: (pid: number) => void;
}

export class ArchiveFolder {
  /** The journal open for appending (startJournal), else null. */
  private journalFd: number | null = null;
  /** The lock this folder object holds (lock), else null. */
  private lockPath: string | null = null;

  constructor(
    readonly dir: string,
    private readonly t: Translate,
    private readonly writes: WriteCalls = REAL_WRITES,
  ) {}

  private unwritable(path: string, error: unknown): UsageError {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return new UsageError(this.t('archive.unwritable', { path, code }), this.t('archive.unwritable-hint'));
  }

  /** The names in the folder. */
  entries(): string[] {
    return readdirSync(this.dir);
  }

  /** The folder cannot take this archive: it holds another seller's (or source's). An input error naming it. */
  otherArchive(seller: string, source: string): UsageError {
    return new UsageError(this.t('archive.folder-other-archive', { dir: this.dir, seller, source }), this.t('archive.folder-hint'));
  }

  /** The folder cannot take this archive: it holds unrelated files (an --out given by mistake). */
  notEmpty(): UsageError {
    return new UsageError(this.t('archive.folder-not-empty', { dir: this.dir }), this.t('archive.folder-hint'));
  }

  /** Makes the folder (0700: the records are the seller's own). */
  create(): void {
    // An --out naming a file is a mistake in the command, not a full or read-only disk.
    let existing: ReturnType<typeof statSync> | undefined;
    try {
      existing = statSync(this.dir);
    } catch {
      existing = undefined;
    }
    if (existing && !existing.isDirectory()) throw new UsageError(this.t('archive.folder-is-file', { dir: this.dir }), this.t('archive.folder-hint'));
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      if (!statSync(this.dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    } catch (error) {
      throw this.unwritable(this.dir, error);
    }
  }

  /**
   * Takes the folder's lock, or refuses (exit 2, errorCode archive-busy, naming the holder's pid)
   * while another build writes it: two builds at once each rewrote the manifest and the journal
   * over the other's. The lock is made whole beside its name and linked into place (link fails if
   * the name exists), so it is never seen empty. One whose process is gone (same host) is taken over.
   */
  lock(owner: LockOwner): void {
    const path = join(this.dir, LOCK_NAME);
    const temporary = join(this.dir, `${LOCK_NAME}.${owner.pid}.partial`);
    for (let attempt = 0; ; attempt += 1) {
      try {
        const fd = this.openNew(temporary);
        try {
          this.writeAll(fd, Buffer.from(`${JSON.stringify({ pid: owner.pid, host: owner.host })}\n`));
        } finally {
          closeSync(fd);
        }
        linkSync(temporary, path);
        this.lockPath = path;
        return;
      } catch (error) {
        if (error instanceof CliError) throw error;
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw this.unwritable(path, error);
      } finally {
        rmSync(temporary, { force: true });
      }
      const holder = this.lockHolder(path);
      if (attempt > 0 || (holder && stillRunning(holder, owner))) {
        throw new CliError(EXIT.usage, this.t('archive.busy', { dir: this.dir, pid: holder?.pid ?? '?', host: holder?.host ?? '?' }), this.t('archive.busy-hint', { path }), 'archive-busy');
      }
      owner.onStale?.(holder?.pid ?? 0);
      rmSync(path, { force: true });
    }
  }

  /** The build writing the folder now (its lock's holder, still running), else null. */
  buildingNow(probe: Pick<LockOwner, 'host' | 'isAlive'>): { pid: number; host: string } | null {
    const holder = existsSync(join(this.dir, LOCK_NAME)) ? this.lockHolder(join(this.dir, LOCK_NAME)) : null;
    return holder && stillRunning(holder, probe) ? holder : null;
  }

  /** Who holds the lock, as it says; null when it cannot be read as one (then taken over). */
  private lockHolder(path: string): { pid: number; host: string } | null {
    try {
      const held = JSON.parse(this.readPlain(path).toString('utf8')) as { pid?: unknown; host?: unknown };
      return typeof held.pid === 'number' && typeof held.host === 'string' ? { pid: held.pid, host: held.host } : null;
    } catch (error) {
      if (error instanceof NotPlainFileError) throw this.notPlain(path);
      return null;
    }
  }

  /** Gives the lock up (the build finished or failed). */
  unlock(): void {
    if (this.lockPath !== null) rmSync(this.lockPath, { force: true });
    this.lockPath = null;
  }

  /** Writes `chunks` as `name`, whole or not at all; returns its size and SHA-256. */
  async writeFile(name: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<WrittenFile> {
    const hash = createHash('sha256');
    let bytes = 0;
    const pending = this.begin(name);
    try {
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.byteLength;
        this.writeAll(pending.fd, chunk);
      }
      this.commit(pending);
    } catch (error) {
      this.abandon(pending);
      // The file system refused (ENOSPC, EACCES, EROFS, ...); anything else (the source failing) is its own error.
      if (!(error instanceof CliError) && /^E[A-Z]+$/.test(String((error as NodeJS.ErrnoException).code))) throw this.unwritable(pending.path, error);
      throw error;
    }
    return { bytes, sha256: hash.digest('hex') };
  }

  /** Replaces manifest.json whole; returns the SHA-256 of the bytes written (what the audit log records). */
  writeManifest(manifest: Manifest): string {
    const data = Buffer.from(`${JSON.stringify(manifestSchema.parse(manifest), null, 2)}\n`);
    const pending = this.begin(MANIFEST_NAME);
    try {
      this.writeAll(pending.fd, data);
      this.commit(pending);
    } catch (error) {
      this.abandon(pending);
      throw this.unwritable(pending.path, error);
    }
    return sha256Of(data);
  }

  /**
   * Empties the journal and opens it for appending. Called once the manifest holds everything the
   * journal listed that is still whole (a kill before this leaves both: the next run reads both).
   */
  startJournal(): void {
    const path = join(this.dir, JOURNAL_NAME);
    try {
      this.journalFd = this.openNew(path);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw this.unwritable(path, error);
    }
  }

  /**
   * Lists one entry in the journal, whose file is already whole and in place. Not synced: a kill
   * loses nothing written, and what a power cut loses or tears is only fetched again (the next run
   * re-hashes every entry before keeping it).
   */
  appendJournal(entry: ManifestFile): void {
    try {
      this.writeAll(this.journalFd, Buffer.from(`${JSON.stringify(entry)}\n`));
    } catch (error) {
      throw this.unwritable(join(this.dir, JOURNAL_NAME), error);
    }
  }

  /** Closes the journal (still on disk: a run that failed leaves it for the next). */
  closeJournal(): void {
    if (this.journalFd !== null) closeSync(this.journalFd);
    this.journalFd = null;
  }

  /** Removes one file of the archive (a damaged one the manifest no longer lists). */
  removeFile(name: string): void {
    rmSync(join(this.dir, name), { force: true });
  }

  /** Closes and removes the journal, once the manifest lists all it did. */
  removeJournal(): void {
    this.closeJournal();
    rmSync(join(this.dir, JOURNAL_NAME), { force: true });
  }

  /**
   * The entries the journal lists, as written (not yet checked against the files): a line that does
   * not parse as one entry (cut short by a kill, or damaged) is passed over, so its unit is fetched again.
   */
  readJournal(): ManifestFile[] {
    let text: string;
    try {
      text = this.readPlain(join(this.dir, JOURNAL_NAME)).toString('utf8');
    } catch (error) {
      if (error instanceof NotPlainFileError) throw this.notPlain(error.path);
      return [];
    }
    return text.split('\n').flatMap((line) => {
      try {
        const parsed = manifestFileSchema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
  }

  // One file being written: under `.NAME.partial` (which verify ignores), then synced and renamed.
  private begin(name: string): PendingWrite {
    const path = join(this.dir, name);
    const temporary = join(this.dir, `.${name}.partial`);
    try {
      return { path, temporary, fd: this.openNew(temporary) };
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw this.unwritable(path, error);
    }
  }

  /**
   * Opens `path` as a new file ('wx': O_EXCL, so never through a link or FIFO planted under its
   * name; opened with 'w', a planted link had the file it named truncated). A plain file there (a
   * temporary file or journal a killed run left) is removed first; anything else is refused, named.
   */
  private openNew(path: string): number {
    try {
      return this.writes.openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!lstatSync(path).isFile()) throw this.notPlain(path);
    rmSync(path, { force: true });
    return this.writes.openSync(path, 'wx', 0o600);
  }

  /** Something other than a plain file (a symlink, FIFO, device or folder) where the archive reads or writes one: refused, never followed. */
  notPlain(path: string): UsageError {
    return new UsageError(this.t('archive.not-plain-file', { path }), this.t('archive.not-plain-file-hint'));
  }

  private writeAll(fd: number | null, data: Uint8Array): void {
    let written = 0;
    while (written < data.byteLength) written += this.writes.writeSync(fd!, data.subarray(written));
  }

  private commit(pending: PendingWrite): void {
    this.writes.fsyncSync(pending.fd!);
    closeSync(pending.fd!);
    pending.fd = null;
    this.writes.renameSync(pending.temporary, pending.path);
  }

  private abandon(pending: PendingWrite): void {
    if (pending.fd !== null) closeSync(pending.fd);
    pending.fd = null;
    rmSync(pending.temporary, { force: true });
  }

  /** The manifest as it is on disk: null when there is none; an input error when it does not parse. */
  readManifest(): Manifest | null {
    return this.readManifestFile()?.manifest ?? null;
  }

  /** The manifest and the SHA-256 of the very bytes it was read from (what the audit log records); null when there is none. */
  readManifestFile(): { manifest: Manifest; sha256: string } | null {
    const path = join(this.dir, MANIFEST_NAME);
    let bytes: Buffer;
    try {
      bytes = this.readPlain(path);
    } catch (error) {
      if (error instanceof NotPlainFileError) throw this.notPlain(path);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new UsageError(this.t('archive.manifest-unreadable', { path, detail: (error as NodeJS.ErrnoException).code ?? 'error' }), this.t('archive.manifest-hint'));
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new UsageError(this.t('archive.manifest-unreadable', { path, detail: (error as Error).message }), this.t('archive.manifest-hint'));
    }
    const parsed = manifestSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(this.t('archive.manifest-unreadable', { path, detail: `${issue.path.join('.')}: ${issue.message}` }), this.t('archive.manifest-hint'));
    }
    return { manifest: parsed.data, sha256: sha256Of(bytes) };
  }

  private readPlain(path: string): Buffer {
    const fd = openPlainFile(path);
    try {
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** Whether a lock's holder may still run: its process lives, or it is another host's (which this one cannot tell). */
const stillRunning = (holder: { pid: number; host: string }, probe: Pick<LockOwner, 'host' | 'isAlive'>): boolean => holder.host !== probe.host || probe.isAlive(holder.pid);

/** A symlink, FIFO, device or folder where the archive reads a file of its own. */
export class NotPlainFileError extends Error {
  readonly code = 'ENOTPLAIN';
  constructor(readonly path: string) {
    super(`${path} is not a plain file`);
    this.name = 'NotPlainFileError';
  }
}

/**
 * Opens a file of the archive to read it: never through a symlink (O_NOFOLLOW), never waiting for
 * a FIFO's writer (O_NONBLOCK), and only a plain file (else NotPlainFileError): a planted link was
 * read through, and a FIFO hung resume and verify for ever.
 */
export function openPlainFile(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new NotPlainFileError(path);
    throw error;
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new NotPlainFileError(path);
  }
  return fd;
}

/** SHA-256 and size of a file of the archive: only a plain file, never through a link (openPlainFile). */
export async function hashArchiveFile(path: string): Promise<WrittenFile> {
  return hashStream(createReadStream(path, { fd: openPlainFile(path) }));
}

/** SHA-256 and size of a file, read as a stream (a report may be larger than memory allows). */
export async function hashFile(path: string): Promise<WrittenFile> {
  return hashStream(createReadStream(path));
}

async function hashStream(stream: AsyncIterable<unknown>): Promise<WrittenFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** SHA-256 of bytes in memory (the manifest's, as recorded in the audit log). */
export function sha256Of(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
