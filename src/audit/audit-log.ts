// The local audit log: a real SQLite file of hash-chained, append-only records. It records every
// run, its check results and the confirmations, the request and its life (submitted, under
// review, closed, rejected, withdrawn), errors and interruptions. Each record is appended in one
// immediate transaction, so two processes never interleave and a killed one leaves nothing half
// written. Nothing secret is ever passed in here.
//
// When a record reaches the disk (fsync): a record of what was read and found (FOUND_TYPES: the
// run's start, each check result, the readiness, a request draft, a warning) is committed to the
// write-ahead log without one, so a `check` pays one fsync, not one per record; a killed process
// still loses none of them (they are in the file, only maybe not yet on the platter). Every other
// record is committed with an fsync, which takes the ones before it to the disk too: so before
// anything is done outside (a submission, a listing deleted) and at the run's end, everything
// recorded so far is on disk, as before. The head kept outside is written only after an fsync.

import { chmodSync, closeSync, existsSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { secrets } from '../security/secret-registry.js';
import { ChainHeadStore, type ChainHead, type FileDigest } from './chain-head.js';
import type { CheckId, CheckResult } from '../core/check-result.js';
import type { ClosureRequest } from '../core/closure-request.js';
import type { Readiness } from '../core/readiness.js';
import { VERDICTS } from '../core/verdict.js';
import { CLOSURE_REASONS, CLOSURE_REGIONS } from '../core/closure-request-fields.js';
import { REQUEST_STATES } from './request-states.js';
import { canonicalJson } from './canonical-json.js';
import { GUARD_SQL, migrate } from './migrations.js';
import { GENESIS_HASH, recordHash, verifyChain, type ChainProblem, type ChainVerdict, type StoredRecord } from './record-chain.js';

export type RunOutcome = 'completed' | 'failed' | 'interrupted';

import type { RequestState } from './request-states.js';
export { REQUEST_STATES, type RequestState } from './request-states.js';

export interface RunSummary {
  id: string;
  started_at: string;
  ended_at: string | null;
  command: string;
  adapter: string;
  demo: boolean;
  /** The demo seller's situation, for runs on the demo seller that recorded it. */
  demo_scenario: string | null;
  as_of: string;
  /** 'abandoned': never finished, and its process (on this machine) is gone; a later run records it as interrupted. */
  outcome: RunOutcome | 'running' | 'abandoned';
  verdict: string | null;
  earliest_close_date: string | null;
  exit_code: number | null;
  submission_reference: string | null;
}

export interface SubmissionRecord {
  requestId: string;
  runId: string;
  submitter: string;
  reference: string;
  submittedAt: string;
  receipt: unknown;
}

export interface RequestHistory {
  request: ClosureRequest;
  createdAt: string;
  state: RequestState;
  submission: SubmissionRecord | null;
  /** Amazon's answer or the seller's, latest last. */
  statuses: { at: string; state: RequestState; reason: string | null; matchedCheck: string | null }[];
  /** A submission was started and never finished (the process died, say). */
  interruptedSubmission: { at: string; submitter: string; runId: string } | null;
}

interface Row {
  seq: number;
  at: string;
  run_id: string | null;
  type: string;
  request_id: string | null;
  body: string;
  prev_hash: string;
  hash: string;
}

/** A record's details are always a JSON object. */
/**
 * The fields the readers (status, list, show, the dossier) take from each type of record, and
 * their kinds: a body without them was not written by close-account, even with its chain
 * recomputed, and is named by verify rather than crashing a reader.
 */
type FieldKind = 'string' | 'string-or-null' | 'array' | 'strings' | { oneOf: readonly (string | null)[] };
const RECORD_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldKind>>>> = {
  'run-started': { command: 'string', adapter: 'string', asOf: 'string' },
  'check-result': { id: 'string', status: 'string', summary: 'string' },
  // The verdict and the outcome name messages (audit list, show): only the values close-account writes.
  readiness: { checks: 'array', confirmations: 'array', verdict: { oneOf: [...VERDICTS, null] } },
  'run-finished': { outcome: { oneOf: ['completed', 'failed', 'interrupted', 'running'] } },
  // Its region and marketplaces are shown wherever a request is (status, show, the dossier): every version wrote them.
  request: { id: 'string', sellerId: 'string', region: { oneOf: CLOSURE_REGIONS }, marketplaces: 'strings', reason: { oneOf: CLOSURE_REASONS } },
  'submission-started': { submitter: 'string' },
  submission: { submitter: 'string', reference: 'string' },
  'request-status': { state: { oneOf: REQUEST_STATES }, reason: 'string-or-null', matchedCheck: 'string-or-null' },
};

function holdsKind(value: unknown, kind: FieldKind): boolean {
  if (kind === 'string') return typeof value === 'string';
  // Absent too: an older record may not have had the field.
  if (kind === 'string-or-null') return typeof value === 'string' || value === null || value === undefined;
  if (kind === 'array') return Array.isArray(value);
  if (kind === 'strings') return Array.isArray(value) && value.every((item) => typeof item === 'string');
  return kind.oneOf.includes(value as string | null);
}

function holdsDetails(type: string, text: unknown, requestId: string | null): boolean {
  if (typeof text !== 'string') return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const body = value as Record<string, unknown>;
  for (const [field, kind] of Object.entries(RECORD_FIELDS[type] ?? {})) {
    if (!holdsKind(body[field], kind)) return false;
  }
  return type !== 'request' || body.id === requestId;
}

const toStored = (row: Row): StoredRecord => ({
  seq: row.seq,
  at: row.at,
  runId: row.run_id,
  type: row.type,
  requestId: row.request_id,
  body: row.body,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** The log could not be written (disk full, read-only, locked by another run): nothing is half written. */
export class AuditWriteError extends Error {
  constructor(
    readonly code: string,
    readonly path: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'AuditWriteError';
  }
}

/**
 * Records of what was read and found, before anything is done about it: committed without an
 * fsync of their own (see the top of this file). Never a record that precedes or reports an action
 * outside, or a run's end.
 */
const FOUND_TYPES: ReadonlySet<string> = new Set(['run-started', 'run-source', 'check-result', 'readiness', 'request', 'warning']);

/** Triggers and indexes that make the log append-only: verify checks they are still there, as written. */
const GUARDS = ['records_no_update', 'records_no_delete', 'one_submission_per_request'];
/** Other indexes the schema has; anything else on the records table is not ours. */
const PLAIN_INDEXES = ['records_by_run', 'records_by_request'];

const normaliseSql = (sql: string | null) => (sql ?? '').replace(/\s+/g, ' ').replace(/\s*([(),;=])\s*/g, '$1').trim();

/** What claiming a request's submission found: it is this run's to submit, already submitted, or being submitted by another live process. */
export type SubmissionClaim =
  | { kind: 'claimed' }
  | { kind: 'submitted'; submission: SubmissionRecord }
  | { kind: 'busy'; at: string; pid: number }
  | { kind: 'live'; id: string; state: RequestState };

/** States in which a request still stands with Amazon (or closed the account): another one would be a second. */
export const LIVE_REQUEST_STATES: readonly RequestState[] = ['submitting', 'submitted', 'under-review', 'closed'];

/** Whether a process of this machine is running (a signal 0 probes without sending anything). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The log's head is kept outside the file, and the file has lost it: emptied, cut short, or replaced. */
export class AuditLostError extends Error {
  constructor(
    readonly head: ChainHead & { path: string },
    readonly path: string,
  ) {
    super(`the audit log ${path} has lost its records up to ${head.seq}`);
    this.name = 'AuditLostError';
  }
}

/** The log's files are the seller's alone: they hold e-mail addresses and seller ids. */
function restrictToOwner(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    try {
      // Only the log's own plain files: never a device, a pipe, or what a symbolic link points at.
      const stat = lstatSync(file);
      if (stat.isFile() && (stat.mode & 0o077) !== 0) chmodSync(file, 0o600);
    } catch {
      // Not there (yet), or not ours to change: SQLite creates the others with the log's own mode.
    }
  }
}

/**
 * SHA-256 of the file's exact bytes, or null when it is not a plain file or changed while it was
 * read (its size, times or identity moved): never a digest of bytes no single moment held.
 */
export function fileDigest(path: string): FileDigest | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const before = fstatSync(fd);
    if (!before.isFile()) return null;
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1 << 20);
    let size = 0;
    for (let read; (read = readSync(fd, buffer, 0, buffer.length, size)) > 0; size += read) hash.update(buffer.subarray(0, read));
    const after = fstatSync(fd);
    const same = size === before.size && after.size === before.size && after.mtimeMs === before.mtimeMs && after.ctimeMs === before.ctimeMs && after.ino === before.ino;
    return same ? { sha256: hash.digest('hex'), size } : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The file's identity, size and change times (nanoseconds): any write to its bytes, by SQLite's
 * checkpoint or by hand, moves its ctime. null when it cannot be told.
 */
function fileStamp(path: string): string | null {
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return null;
  }
}

/** Bytes in the log's write-ahead log: 0 when there is none; null when it cannot be told (not a plain file, unreadable). */
function walBytes(path: string): number | null {
  try {
    const stat = lstatSync(`${path}-wal`);
    return stat.isFile() ? stat.size : null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 0 : null;
  }
}

export class AuditLog {
  private readonly lastRecord: Database.Statement;
  private readonly insert: Database.Statement;
  /** appendRecord as a transaction, made once and reused (a `check` appends 17 records). */
  private readonly appendTransaction: Database.Transaction<(type: string, runId: string | null, body: unknown, requestId: string | null) => StoredRecord>;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly clock: () => Date,
    private readonly heads: ChainHeadStore,
    /**
     * The file SQLite opened, every symbolic link resolved: SQLite keeps its write-ahead log beside
     * that file, not beside a link to it, so the digest, the -wal checks and the fsync look there.
     */
    private readonly file: string = path,
  ) {
    this.lastRecord = db.prepare('SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare('INSERT INTO records (seq, at, run_id, type, request_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.appendTransaction = db.transaction((type: string, runId: string | null, body: unknown, requestId: string | null) => this.appendRecord(type, runId, body, requestId));
  }

  /**
   * Opens (creating if needed) the log at `path`; throws the driver's error for the caller to
   * explain, or AuditLostError when the head kept outside says the file once held records it no
   * longer has (emptied or deleted): such a file is never silently started again.
   */
  static open(path: string, clock: () => Date = () => new Date(), busyTimeoutMs = 5000, heads: ChainHeadStore = new ChainHeadStore([`${path}.head`])): AuditLog {
    // A device or a pipe (--audit-db /dev/null) is no log: refused before anything touches it.
    const head = heads.read();
    if (existsSync(path) && !statSync(path).isFile()) {
      // Where the head kept outside says a log with records was, a folder or a device in its place is that log lost.
      if (head && head.seq > 0) throw new AuditLostError(head, path);
      throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTFILE' });
    }
    const empty = !existsSync(path) || statSync(path).size === 0;
    if (head && head.seq > 0 && empty) throw new AuditLostError(head, path);
    // Folder 0700 and file 0600 from the first byte (created exclusively, so concurrent first
    // opens cannot race on it); SQLite gives the -wal and -shm files the log's own mode.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      closeSync(openSync(path, 'wx', 0o600));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    restrictToOwner(path);
    const db = new Database(path, { timeout: busyTimeoutMs });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL'); // per record: see durability() and FOUND_TYPES
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    restrictToOwner(path);
    let file: string;
    try {
      file = realpathSync(path);
    } catch (error) {
      db.close();
      throw error;
    }
    // Reached through a symbolic link: the file SQLite opened (a plain file, checked above) is the
    // log, created with the default mode when the link was dangling; it and its -wal and -shm are the seller's alone too.
    if (file !== path) restrictToOwner(file);
    return new AuditLog(db, path, clock, heads, file);
  }

  /** Appends one record to the chain, in one immediate transaction (waits while another process appends). */
  append(type: string, runId: string | null, body: unknown, requestId: string | null = null): StoredRecord {
    this.durability(!FOUND_TYPES.has(type));
    return this.guarded(() => this.appendNow(type, runId, body, requestId));
  }

  /** The head kept outside is behind the file: written at close, and at once after what must never be lost. */
  private headBehind = false;

  /** Whether the next commit is fsynced (SQLite's synchronous FULL) or only written (NORMAL). */
  private fsyncEachCommit = true;
  /** A record was committed without an fsync, and none has been made since. */
  private notOnDisk = false;
  /** Records this connection inserted (a write that inserted none commits nothing, so fsyncs nothing). */
  private appended = 0;

  /** Sets how the next commit reaches the disk: an fsynced commit takes every earlier one with it. */
  private durability(fsync: boolean): void {
    if (fsync !== this.fsyncEachCommit) {
      this.db.pragma(fsync ? 'synchronous = FULL' : 'synchronous = NORMAL');
      this.fsyncEachCommit = fsync;
    }
  }

  /** Takes what was committed without an fsync to the disk: the write-ahead log holds it. */
  private flushToDisk(): void {
    if (!this.notOnDisk) return;
    let fd: number | null = null;
    try {
      fd = openSync(`${this.file}-wal`, 'r');
      fsyncSync(fd);
    } catch (error) {
      // No write-ahead log left: a checkpoint moved it into the file, and synced the file.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    } finally {
      if (fd !== null) closeSync(fd);
    }
    this.notOnDisk = false;
  }

  /** Before an action outside (a deletion at Amazon): every record so far on the disk first. */
  onDiskBeforeActing(): void {
    this.flushToDisk();
  }

  private keepHead(): void {
    if (!this.headBehind || !this.db.open) return;
    // The head never names a record that a power cut could still take back.
    this.flushToDisk();
    this.heads.write(this.head());
    this.headBehind = false;
  }

  /** Runs a write, turning the driver's failures into an AuditWriteError that says which. */
  private guarded<T>(write: () => T): T {
    const before = this.appended;
    try {
      const result = write();
      this.headBehind = true;
      // Committed: an fsynced commit took every earlier one to the disk with it.
      if (this.appended > before) this.notOnDisk = !this.fsyncEachCommit;
      return result;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code && /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PERM)/.test(code)) throw new AuditWriteError(code, this.path, (error as Error).message);
      throw error;
    }
  }

  private appendNow(type: string, runId: string | null, body: unknown, requestId: string | null): StoredRecord {
    return this.appendTransaction.immediate(type, runId, body, requestId);
  }

  /** One record appended, in a transaction of its own (or a savepoint of the caller's). */
  private appendRecord(type: string, runId: string | null, body: unknown, requestId: string | null): StoredRecord {
    const last = this.lastRecord.get() as { seq: number; hash: string } | undefined;
    // Scrubbed where it is written: a record is permanent, so no secret may ever enter one.
    const content = { seq: (last?.seq ?? 0) + 1, at: this.clock().toISOString(), runId, type, requestId: requestId === null ? null : secrets.scrub(requestId), body: canonicalJson(secrets.scrubDeep(body)) };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = recordHash(prevHash, content);
    this.insert.run(content.seq, content.at, runId, type, content.requestId, content.body, prevHash, hash);
    this.appended += 1;
    return { ...content, prevHash, hash };
  }

  /**
   * `process` says which process runs it, so that a later run can tell a dead run from a live one;
   * `sellerId` or a portfolio's `account` say whose run it is (audit export --seller).
   */
  startRun(run: { command: string; adapter: string; demo: boolean; demoScenario?: string; asOf: string; process: { pid: number; host: string }; sellerId?: string; account?: { name: string; sellerId: string; region: string } }): string {
    const id = `run-${this.clock().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomBytes(3).toString('hex')}`;
    this.append('run-started', id, run);
    return id;
  }

  /** Runs that started and never finished: still going, or killed. */
  unfinishedRuns(): { runId: string; pid: number | null; host: string | null }[] {
    const rows = this.db
      .prepare(
        `SELECT run_id, body FROM records WHERE type = 'run-started'
         AND run_id NOT IN (SELECT run_id FROM records WHERE type = 'run-finished' AND run_id IS NOT NULL)`,
      )
      .all() as { run_id: string; body: string }[];
    return rows.map((row) => {
      const body = JSON.parse(row.body) as { process?: { pid: number; host: string } };
      return { runId: row.run_id, pid: body.process?.pid ?? null, host: body.process?.host ?? null };
    });
  }

  setRunSource(runId: string, adapter: string, demo: boolean, demoScenario?: string): void {
    this.append('run-source', runId, demoScenario ? { adapter, demo, demoScenario } : { adapter, demo });
  }

  /** The readiness evidence of a run: every check result, the verdict and the confirmations. */
  recordReadiness(runId: string, readiness: Readiness, confirmedBy: ReadonlyMap<CheckId, 'flag' | 'prompt'>): void {
    this.append('readiness', runId, {
      asOf: readiness.asOf,
      verdict: readiness.verdict,
      earliestCloseDate: readiness.earliestCloseDate,
      checks: readiness.checks.map((check: CheckResult) => ({ ...check })),
      confirmations: [...confirmedBy].map(([checkId, how]) => ({ checkId, how })),
    });
  }

  /** Records the request (as a draft) the first time it is seen. */
  recordRequest(runId: string, request: ClosureRequest): void {
    this.durability(false);
    this.guarded(() =>
      this.db.transaction(() => {
        if (!this.db.prepare("SELECT 1 FROM records WHERE request_id = ? AND type = 'request'").get(request.id)) {
          this.appendNow('request', runId, request, request.id);
        }
      }).immediate(),
    );
  }

  submissionFor(requestId: string): SubmissionRecord | undefined {
    const row = this.db.prepare("SELECT * FROM records WHERE request_id = ? AND type = 'submission'").get(requestId) as Row | undefined;
    if (!row) return undefined;
    const body = JSON.parse(row.body) as { submitter: string; reference: string; receipt: unknown };
    return { requestId, runId: row.run_id!, submitter: body.submitter, reference: body.reference, submittedAt: row.at, receipt: body.receipt };
  }

  /**
   * Written before a submitter acts: if the process dies, the next run knows a submission was under
   * way. It is a claim, made in one immediate transaction: a request another process submitted
   * meanwhile, or is submitting now (its run still open and its process alive), is not claimed
   * again, so concurrent runs never both submit.
   */
  recordSubmissionStarted(runId: string, request: ClosureRequest, submitter: string): SubmissionClaim {
    this.durability(true);
    const claim = this.guarded(() =>
      this.db.transaction((): SubmissionClaim => {
        const submitted = this.submissionFor(request.id);
        if (submitted) return { kind: 'submitted', submission: submitted };
        // One live request per seller and region, held here under the write lock: two runs with
        // different answers (so different request ids) checked before either claimed.
        const live = this.liveRequestFor(request);
        if (live) return { kind: 'live', ...live };
        const started = this.db.prepare("SELECT * FROM records WHERE request_id = ? AND type = 'submission-started' ORDER BY seq DESC LIMIT 1").get(request.id) as Row | undefined;
        if (started && started.run_id !== runId && !this.db.prepare("SELECT 1 FROM records WHERE run_id = ? AND type = 'run-finished'").get(started.run_id)) {
          const { pid } = JSON.parse(started.body) as { pid?: number };
          if (typeof pid === 'number' && pid !== process.pid && processAlive(pid)) return { kind: 'busy', at: started.at, pid };
        }
        this.appendNow('submission-started', runId, { submitter, pid: process.pid }, request.id);
        return { kind: 'claimed' };
      }).immediate(),
    );
    // A submission under way, done, or answered is kept outside at once: cutting it from the file shows.
    this.keepHead();
    return claim;
  }

  /**
   * Records a submission unless the request already has one; returns the one that stands. The
   * unique index on submissions per request makes a second one impossible.
   */
  recordSubmission(runId: string, request: ClosureRequest, submitter: string, reference: string, receipt: object): SubmissionRecord {
    try {
      return this.recordSubmissionNow(runId, request, submitter, reference, receipt);
    } finally {
      this.keepHead();
    }
  }

  private recordSubmissionNow(runId: string, request: ClosureRequest, submitter: string, reference: string, receipt: object): SubmissionRecord {
    this.durability(true);
    return this.guarded(() =>
      this.db.transaction(() => {
        const existing = this.submissionFor(request.id);
        if (existing) return existing;
        this.appendNow('submission', runId, { submitter, reference, receipt }, request.id);
        return this.submissionFor(request.id)!;
      }).immediate(),
    );
  }


  recordRequestStatus(runId: string | null, requestId: string, state: RequestState, reason: string | null, matchedCheck: string | null): void {
    this.append('request-status', runId, { state, reason, matchedCheck }, requestId);
    this.keepHead();
  }

  recordEvent(runId: string | null, type: string, detail: object = {}): void {
    this.append(type, runId, detail);
  }

  /** Closes a run once: a later call (an error after an interruption, say) adds nothing. */
  finishRun(runId: string, outcome: RunOutcome, exitCode: number): void {
    this.durability(true);
    this.guarded(() =>
      this.db.transaction(() => {
        if (!this.db.prepare("SELECT 1 FROM records WHERE run_id = ? AND type = 'run-finished'").get(runId)) {
          this.appendNow('run-finished', runId, { outcome, exitCode }, null);
        }
      }).immediate(),
    );
  }

  private recordsOf(runId: string): Row[] {
    return this.db.prepare('SELECT * FROM records WHERE run_id = ? ORDER BY seq').all(runId) as Row[];
  }

  private summarise(rows: Row[]): RunSummary | undefined {
    const started = rows.find((r) => r.type === 'run-started');
    if (!started) return undefined;
    const body = JSON.parse(started.body) as { command: string; adapter: string; demo: boolean; demoScenario?: string; asOf: string; process?: { pid: number; host: string } };
    const source = rows.filter((r) => r.type === 'run-source').at(-1);
    const sourceBody = source ? (JSON.parse(source.body) as { adapter: string; demo: boolean; demoScenario?: string }) : null;
    const readiness = rows.filter((r) => r.type === 'readiness').at(-1);
    const readinessBody = readiness ? (JSON.parse(readiness.body) as { verdict: string; earliestCloseDate: string | null }) : null;
    const finished = rows.find((r) => r.type === 'run-finished');
    const finishedBody = finished ? (JSON.parse(finished.body) as { outcome: RunOutcome; exitCode: number }) : null;
    const submission = rows.find((r) => r.type === 'submission');
    return {
      id: started.run_id!,
      started_at: started.at,
      ended_at: finished?.at ?? null,
      command: body.command,
      adapter: sourceBody?.adapter ?? body.adapter,
      demo: sourceBody?.demo ?? body.demo,
      demo_scenario: (sourceBody ? sourceBody.demoScenario : body.demoScenario) ?? null,
      as_of: body.asOf,
      // A run that never finished is running only while its process is: killed (SIGKILL, a crash), it
      // is shown as abandoned until a later run records it as interrupted (run-recorder.ts).
      outcome: finishedBody?.outcome ?? (body.process && body.process.host === hostname() && !processAlive(body.process.pid) ? 'abandoned' : 'running'),
      verdict: readinessBody?.verdict ?? null,
      earliest_close_date: readinessBody?.earliestCloseDate ?? null,
      exit_code: finishedBody?.exitCode ?? null,
      submission_reference: submission ? (JSON.parse(submission.body) as { reference: string }).reference : null,
    };
  }

  /** How many runs the log holds. */
  countRuns(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM records WHERE type = 'run-started'").get() as { n: number }).n;
  }

  /** The latest runs, newest first; `limit` null for every run. */
  listRuns(limit: number | null = 50): RunSummary[] {
    const ids = this.db
      .prepare("SELECT run_id FROM records WHERE type = 'run-started' ORDER BY seq DESC LIMIT ?")
      .all(limit ?? -1) as { run_id: string }[];
    return ids.map(({ run_id }) => this.summarise(this.recordsOf(run_id))!).filter(Boolean);
  }

  run(id: string): RunSummary | undefined {
    return this.summarise(this.recordsOf(id));
  }

  /** Every record of a run, in order, with its details parsed. */
  recordsOfRun(runId: string): { seq: number; at: string; type: string; requestId: string | null; body: unknown; hash: string }[] {
    return this.recordsOf(runId).map((r) => ({ seq: r.seq, at: r.at, type: r.type, requestId: r.request_id, body: JSON.parse(r.body) as unknown, hash: r.hash }));
  }

  /** Every record of one type, in order, details parsed. */
  recordsOfType(type: string): { seq: number; at: string; runId: string | null; body: unknown }[] {
    return (this.db.prepare('SELECT * FROM records WHERE type = ? ORDER BY seq').all(type) as Row[]).map((r) => ({ seq: r.seq, at: r.at, runId: r.run_id, body: JSON.parse(r.body) as unknown }));
  }

  /** Every request with where it stands, newest first. */
  requests(): RequestHistory[] {
    const rows = this.db.prepare("SELECT * FROM records WHERE request_id IS NOT NULL ORDER BY seq").all() as Row[];
    const byRequest = new Map<string, Row[]>();
    for (const row of rows) byRequest.set(row.request_id!, [...(byRequest.get(row.request_id!) ?? []), row]);
    const histories: RequestHistory[] = [];
    for (const [requestId, list] of byRequest) {
      const created = list.find((r) => r.type === 'request');
      if (!created) continue;
      const submission = this.submissionFor(requestId) ?? null;
      const statuses = list
        .filter((r) => r.type === 'request-status')
        .map((r) => {
          const body = JSON.parse(r.body) as { state: RequestState; reason: string | null; matchedCheck: string | null };
          return { at: r.at, ...body };
        });
      const started = list.filter((r) => r.type === 'submission-started').at(-1);
      const interruptedSubmission =
        started && !submission ? { at: started.at, submitter: (JSON.parse(started.body) as { submitter: string }).submitter, runId: started.run_id! } : null;
      const state: RequestState = statuses.at(-1)?.state ?? (submission ? 'submitted' : interruptedSubmission ? 'submitting' : 'draft');
      histories.push({ request: JSON.parse(created.body) as ClosureRequest, createdAt: created.at, state, submission, statuses, interruptedSubmission });
    }
    return histories.reverse();
  }

  /** The request already standing for this seller and region, other than `request` itself. */
  liveRequestFor(request: ClosureRequest): { id: string; state: RequestState } | null {
    const live = this.requests().find(
      (h) => h.request.id !== request.id && h.request.sellerId === request.sellerId && h.request.region === request.region && LIVE_REQUEST_STATES.includes(h.state),
    );
    return live ? { id: live.request.id, state: live.state } : null;
  }

  latestRequest(): RequestHistory | undefined {
    return this.requests()[0];
  }

  /** All records, in order, details parsed: for export. */
  *allRecords(): Generator<{ seq: number; at: string; runId: string | null; type: string; requestId: string | null; body: unknown; prevHash: string; hash: string }> {
    for (const row of this.db.prepare('SELECT * FROM records ORDER BY seq').iterate() as IterableIterator<Row>) {
      yield { seq: row.seq, at: row.at, runId: row.run_id, type: row.type, requestId: row.request_id, body: JSON.parse(row.body) as unknown, prevHash: row.prev_hash, hash: row.hash };
    }
  }

  /**
   * Checks the whole log and names the first thing that does not hold: the file's own integrity
   * (SQLite's integrity_check), each record's hash and link, each record's details, the guards
   * exactly as created (and no others), and the head kept outside the file (records lost from
   * the end, or the chain rewritten from some record on).
   */
  verify(): ChainVerdict {
    const broken = (problem: ChainProblem, records = 0): ChainVerdict => ({ intact: false, records, head: GENESIS_HASH, problem });
    try {
      const integrity = (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      if (integrity[0] !== 'ok') return broken({ kind: 'damaged', seq: 0, detail: integrity.slice(0, 3).join('; ') });
      let notJson: number | null = null;
      const rows = this.db.prepare('SELECT * FROM records ORDER BY rowid').iterate() as IterableIterator<Row>;
      const verdict = verifyChain((function* () {
        for (const row of rows) {
          if (notJson === null && !holdsDetails(row.type, row.body, row.request_id)) notJson = row.seq;
          yield toStored(row);
        }
      })());
      if (!verdict.intact) return verdict;
      if (notJson !== null) return { ...verdict, intact: false, problem: { kind: 'not-json', seq: notJson } };
      // The chain holds; the guards that keep it append-only must hold too, as they were written.
      const guards = this.guardProblem();
      if (guards) return { ...verdict, intact: false, problem: guards };
      // Every copy of the head must match: one rewritten beside the log does not outvote the other.
      for (const head of this.heads.readAll().sort((a, b) => b.seq - a.seq)) {
        if (head.seq <= 0) continue;
        const kept = this.db.prepare('SELECT hash FROM records WHERE seq = ?').get(head.seq) as { hash: string } | undefined;
        if (!kept) return { ...verdict, intact: false, problem: { kind: 'truncated', seq: head.seq, headPath: head.path } };
        if (kept.hash !== head.hash) return { ...verdict, intact: false, problem: { kind: 'rewritten', seq: head.seq, headPath: head.path } };
      }
      return verdict;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (/^SQLITE_(CORRUPT|NOTADB)/.test(code) || (error as Error).name === 'SqliteError') return broken({ kind: 'damaged', seq: 0, detail: (error as Error).message });
      throw error;
    }
  }

  /** A guard that keeps the log append-only is missing, changed, or joined by one not ours. */
  private guardProblem(): ChainProblem | null {
    const schema = this.db.prepare("SELECT name, type, sql FROM sqlite_master WHERE tbl_name = 'records' AND type IN ('trigger', 'index')").all() as { name: string; type: string; sql: string | null }[];
    const byName = new Map(schema.map((r) => [r.name, r]));
    const removed = GUARDS.find((name) => !byName.has(name));
    if (removed) return { kind: 'guards-removed', seq: 0, guard: removed };
    const changed = GUARDS.find((name) => normaliseSql(byName.get(name)!.sql) !== normaliseSql(GUARD_SQL[name]!));
    if (changed) return { kind: 'guard-changed', seq: 0, guard: changed };
    const foreign = schema.find((r) => !GUARDS.includes(r.name) && !PLAIN_INDEXES.includes(r.name) && !r.name.startsWith('sqlite_autoindex'));
    if (foreign) return { kind: 'unexpected-guard', seq: 0, guard: foreign.name };
    return null;
  }

  /** The chain's last hash: publish it, and any later rewrite of the file shows. */
  head(): { seq: number; hash: string } {
    const last = this.lastRecord.get() as { seq: number; hash: string } | undefined;
    return last ?? { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * Closes the log. A run that verified the log before appending (verifyBeforeAppend) and saw no
   * other connection commit since (SQLite's data_version) knows the file holds what it verified
   * plus its own records: once SQLite has checkpointed and removed the write-ahead log (it does so
   * when the last connection closes; another process still open keeps it), the digest of the
   * file's bytes is kept in every copy of the head, for the next run's shortcut.
   */
  close(): void {
    const blessed = this.blessable();
    if (!blessed) {
      this.keepHead();
      if (this.db.open) this.db.close();
      return;
    }
    // The head is written once, after the close, with the digest when it can be had: the head
    // still never names a record a power cut could take back (flushed here; the close's
    // checkpoint syncs the file).
    this.flushToDisk();
    this.db.close();
    const file = existsSync(`${this.file}-wal`) ? null : fileDigest(this.file);
    // Checked again after the read: a process that opened the log meanwhile has made a write-ahead log.
    if (file && !existsSync(`${this.file}-wal`)) this.heads.write({ ...blessed, file });
    else if (this.headBehind) this.heads.write(blessed);
    this.headBehind = false;
  }

  /** The head to keep with the file's digest, or null: not verified, another connection wrote, or any doubt. */
  private blessable(): ChainHead | null {
    try {
      if (!this.db.open || this.verifiedVersion === null || (this.appended === 0 && this.verifiedByDigest)) return null;
      // The main file's bytes are the ones verified: SQLite wrote this run's records to the -wal only,
      // and nothing wrote the file since (an edit of its raw bytes is no commit: data_version misses it).
      const untouched = this.verifiedStamp !== null && fileStamp(this.file) === this.verifiedStamp;
      return untouched && this.dataVersion() === this.verifiedVersion && this.ownRecordsHold() ? this.head() : null;
    } catch {
      return null;
    }
  }

  /**
   * The records after the verified head (this run's own) hold as the full walk would find them:
   * linked, hashed, their details readable. So the digest vouches for exactly what was verified.
   */
  private ownRecordsHold(): boolean {
    const from = this.verifiedHead;
    if (!from) return false;
    let unreadable = false;
    const rows = this.db.prepare('SELECT * FROM records WHERE seq > ? ORDER BY rowid').iterate(from.seq) as IterableIterator<Row>;
    const verdict = verifyChain((function* () {
      for (const row of rows) {
        if (!holdsDetails(row.type, row.body, row.request_id)) unreadable = true;
        yield toStored(row);
      }
    })(), from);
    return verdict.intact && !unreadable && verdict.head === this.head().hash;
  }

  /** The main file's stamp (fileStamp) when verifyBeforeAppend began. */
  private verifiedStamp: string | null = null;

  /** The log's head when verifyBeforeAppend found it intact. */
  private verifiedHead: { seq: number; hash: string } | null = null;

  /** SQLite's count of commits by other connections: unchanged means nobody else wrote. */
  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** data_version when verifyBeforeAppend found the log intact; null before (or when it did not). */
  private verifiedVersion: number | null = null;
  /** That verdict came from the file digest, not a walk of the records. */
  private verifiedByDigest = false;

  /** How verifyBeforeAppend last decided: by the file's digest, or by walking every record (the tests tell them apart). */
  get verifiedBy(): 'digest' | 'records' | null {
    return this.verifiedVersion === null ? null : this.verifiedByDigest ? 'digest' : 'records';
  }

  /**
   * The check before a run appends (check, submit, status --record): the full verify(), unless
   * the log file is byte for byte the one a run of this program verified, extended and closed
   * (unchangedSinceClosed). \`audit verify\` never takes this shortcut: it is asked for proof.
   */
  verifyBeforeAppend(): ChainVerdict {
    // Taken before the file is read: a write to it from here on (by hand, or a checkpoint) keeps no digest at close.
    this.verifiedStamp = fileStamp(this.file);
    const head = this.unchangedSinceClosed();
    const verdict = head ? { intact: true, records: head.seq, head: head.hash, problem: null } : this.verify();
    this.verifiedByDigest = head !== null;
    this.verifiedVersion = verdict.intact ? this.dataVersion() : null;
    // Exactly what was verified: an intact walk counts records 1..n and ends on the last hash.
    this.verifiedHead = verdict.intact ? { seq: verdict.records, hash: verdict.head } : null;
    return verdict;
  }

  /**
   * The shortcut, and why it asks no less of an editor than the full walk: today an editor who
   * rewrites a record must recompute every later record's hash and rewrite every copy of the head
   * kept outside (verify compares each). Here the file's SHA-256 is kept in those same copies, all
   * of which must be present and agree with each other and with the log's last record; an edit to
   * any byte of the file changes its digest, so the editor must recompute the digest and rewrite
   * every copy of the head: the same files, the same hash function, the same bar. Anything short
   * of an exact match (a copy missing, unreadable or without a digest, copies that disagree, a
   * write-ahead log with any bytes, a file that changes while read, any error) walks every
   * record as before: it fails closed, to the full verify and its naming of the record at fault.
   * Returns the head when the shortcut holds, else null.
   */
  private unchangedSinceClosed(): ChainHead | null {
    try {
      const copies = this.heads.readAll();
      const [first] = copies;
      if (!first?.file || copies.length !== this.heads.paths.length) return null;
      const agree = copies.every((copy) => copy.seq === first.seq && copy.hash === first.hash && copy.file?.sha256 === first.file!.sha256 && copy.file.size === first.file!.size);
      if (!agree || first.seq <= 0) return null;
      const last = this.head();
      if (last.seq !== first.seq || last.hash !== first.hash) return null;
      // No write-ahead log bytes: what SQLite reads is the file alone, so its bytes are the log.
      if (walBytes(this.file) !== 0) return null;
      const file = fileDigest(this.file);
      if (!file || file.size !== first.file.size || file.sha256 !== first.file.sha256) return null;
      if (walBytes(this.file) !== 0) return null;
      // Cheap, and kept: the guards that make the log append-only are still there, as written.
      if (this.guardProblem()) return null;
      return { seq: first.seq, hash: first.hash };
    } catch {
      return null;
    }
  }
}
