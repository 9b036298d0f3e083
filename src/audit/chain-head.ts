// The chain's head (the last record's number and hash), kept outside the database: beside it and
// in the user's state folder. A log cut short, emptied, or rewritten from some record on still has
// a chain that holds by itself; compared with the head kept outside, it does not. Written when the
// log is closed, and at once when a submission is started, recorded or answered (those must never
// be cut unseen); a process killed in between leaves the head behind, which still matches a record.

import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomicSync } from '../io/atomic-file.cjs';
import { userFolder } from './user-folders.js';

export interface ChainHead {
  seq: number;
  hash: string;
  /**
   * The log file's exact bytes when a run closed it, verified and extended by this program (no
   * write-ahead log left): a later run that finds the same bytes need not re-hash every record
   * (AuditLog.verifyBeforeAppend). Absent when the run could not be sure (see AuditLog.close).
   */
  file?: FileDigest;
}

/** SHA-256 and size of a file's bytes. */
export interface FileDigest {
  sha256: string;
  size: number;
}

function fileDigestOf(value: unknown): FileDigest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { sha256, size } = value as Partial<FileDigest>;
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256) || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return undefined;
  return { sha256, size };
}

/** A head file is a few dozen bytes: anything that is not a small regular file (/dev/zero, a FIFO, a huge file) is unreadable, never waited on or read whole. */
const HEAD_CAP = 1000;

function readHeadFile(path: string): string {
  // O_NONBLOCK: opening a FIFO put in its place must not wait for a writer.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > HEAD_CAP) throw new Error(`${path} is not a head file`);
    const buffer = Buffer.alloc(HEAD_CAP + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    if (length > HEAD_CAP) throw new Error(`${path} is not a head file`);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export class ChainHeadStore {
  constructor(readonly paths: readonly string[]) {}

  /** The head files of the log at `dbPath`: `audit.db.head` beside it, and one in the user's state folder. */
  static forLog(dbPath: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, home: string): ChainHeadStore {
    const stateDir = userFolder('state', env, platform, home);
    const key = createHash('sha256').update(dbPath).digest('hex').slice(0, 32);
    // A home that does not exist (a service account, a test) is not created just for this.
    const inState = existsSync(home) ? [join(stateDir, 'close-account', 'heads', `${key}.json`)] : [];
    return new ChainHeadStore([`${dbPath}.head`, ...inState]);
  }

  /** The furthest head any of the files records, or null when none is readable. */
  read(): (ChainHead & { path: string }) | null {
    let best: (ChainHead & { path: string }) | null = null;
    for (const head of this.readAll()) if (!best || head.seq > best.seq) best = head;
    return best;
  }

  /** Every readable head, each with its file: each copy must match the log, not only the furthest. */
  readAll(): (ChainHead & { path: string })[] {
    const heads: (ChainHead & { path: string })[] = [];
    for (const path of this.paths) {
      try {
        const data = JSON.parse(readHeadFile(path)) as Partial<ChainHead>;
        if (typeof data.seq !== 'number' || !Number.isSafeInteger(data.seq) || typeof data.hash !== 'string' || !/^[0-9a-f]{64}$/.test(data.hash)) continue;
        const file = fileDigestOf(data.file);
        heads.push(file ? { seq: data.seq, hash: data.hash, file, path } : { seq: data.seq, hash: data.hash, path });
      } catch {
        // Missing or unreadable: the other copy may still tell.
      }
    }
    return heads;
  }

  private readonly folderMade = new Set<string>();

  /** Best effort: a head that cannot be written (read-only folder) must not stop the run. */
  write(head: ChainHead): void {
    // An older close-account reads seq and hash and ignores the rest.
    const file = head.file ? { file: { sha256: head.file.sha256, size: head.file.size } } : {};
    const text = `${JSON.stringify({ seq: head.seq, hash: head.hash, ...file })}\n`;
    for (const path of this.paths) {
      try {
        if (!this.folderMade.has(path)) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        this.folderMade.add(path);
        writeFileAtomicSync(path, text);
      } catch {
        // Written where it can be; the other copy still guards.
      }
    }
  }
}
