// The local audit log: a real SQLite file recording every run, its check results, the
// confirmations, the request, the submission and its outcome, errors and interruptions.
// Every multi-row write is one transaction, so an interruption never leaves half a record.
// Nothing secret is ever passed in here.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { CheckId, CheckResult } from '../core/check-result.js';
import type { ClosureRequest } from '../core/closure-request.js';
import type { Readiness } from '../core/readiness.js';
import { migrate } from './migrations.js';

export type RunOutcome = 'running' | 'completed' | 'failed' | 'interrupted';

export interface RunRow {
  id: string;
  started_at: string;
  ended_at: string | null;
  command: string;
  adapter: string;
  demo: number;
  as_of: string;
  outcome: RunOutcome;
  verdict: string | null;
  earliest_close_date: string | null;
  exit_code: number | null;
}

export interface SubmissionRow {
  id: number;
  request_id: string;
  run_id: string;
  submitter: string;
  reference: string;
  submitted_at: string;
  receipt: string;
}

export interface EventRow {
  id: number;
  run_id: string | null;
  at: string;
  type: string;
  detail: string;
}

export class AuditLog {
  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly clock: () => Date,
  ) {}

  /** Opens (creating if needed) the log at `path`; throws the driver's error for the caller to explain. */
  static open(path: string, clock: () => Date = () => new Date()): AuditLog {
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: 5000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new AuditLog(db, path, clock);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  startRun(run: { command: string; adapter: string; demo: boolean; asOf: string }): string {
    const id = `run-${this.now().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomBytes(3).toString('hex')}`;
    this.db
      .prepare('INSERT INTO runs (id, started_at, command, adapter, demo, as_of) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, this.now(), run.command, run.adapter, run.demo ? 1 : 0, run.asOf);
    return id;
  }

  setRunSource(runId: string, adapter: string, demo: boolean): void {
    this.db.prepare('UPDATE runs SET adapter = ?, demo = ? WHERE id = ?').run(adapter, demo ? 1 : 0, runId);
  }

  /** The readiness evidence of a run: every check result and the verdict, in one transaction. */
  recordReadiness(runId: string, readiness: Readiness, confirmedBy: ReadonlyMap<CheckId, 'flag' | 'prompt'>): void {
    const insertCheck = this.db.prepare(
      `INSERT OR REPLACE INTO check_results (run_id, position, check_id, status, summary, count, clears_on, confirmed, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertConfirmation = this.db.prepare(
      'INSERT OR REPLACE INTO confirmations (run_id, check_id, how, confirmed_at) VALUES (?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      readiness.checks.forEach((check: CheckResult, position) => {
        insertCheck.run(
          runId,
          position,
          check.id,
          check.status,
          check.summary,
          check.count,
          check.clearsOn,
          check.confirmed === null ? null : check.confirmed ? 1 : 0,
          JSON.stringify({ items: check.items, remediation: check.remediation }),
        );
      });
      for (const [checkId, how] of confirmedBy) insertConfirmation.run(runId, checkId, how, this.now());
      this.db
        .prepare('UPDATE runs SET verdict = ?, earliest_close_date = ? WHERE id = ?')
        .run(readiness.verdict, readiness.earliestCloseDate, runId);
    }).immediate();
  }

  recordRequest(runId: string, request: ClosureRequest): void {
    this.db
      .prepare('INSERT OR IGNORE INTO requests (id, first_run_id, created_at, content) VALUES (?, ?, ?, ?)')
      .run(request.id, runId, this.now(), JSON.stringify(request));
  }

  submissionFor(requestId: string): SubmissionRow | undefined {
    return this.db.prepare('SELECT * FROM submissions WHERE request_id = ?').get(requestId) as SubmissionRow | undefined;
  }

  /**
   * Records a submission unless the request already has one; returns the row that stands.
   * The UNIQUE request_id makes a second submission of the same request impossible.
   */
  recordSubmission(runId: string, request: ClosureRequest, submitter: string, reference: string, receipt: object): SubmissionRow {
    return this.db.transaction(() => {
      const existing = this.submissionFor(request.id);
      if (existing) return existing;
      this.db
        .prepare('INSERT INTO submissions (request_id, run_id, submitter, reference, submitted_at, receipt) VALUES (?, ?, ?, ?, ?, ?)')
        .run(request.id, runId, submitter, reference, this.now(), JSON.stringify(receipt));
      return this.submissionFor(request.id)!;
    }).immediate();
  }

  recordEvent(runId: string | null, type: string, detail: object = {}): void {
    this.db.prepare('INSERT INTO events (run_id, at, type, detail) VALUES (?, ?, ?, ?)').run(runId, this.now(), type, JSON.stringify(detail));
  }

  finishRun(runId: string, outcome: Exclude<RunOutcome, 'running'>, exitCode: number): void {
    this.db
      .prepare("UPDATE runs SET outcome = ?, exit_code = ?, ended_at = ? WHERE id = ? AND outcome = 'running'")
      .run(outcome, exitCode, this.now(), runId);
  }

  listRuns(limit = 50): (RunRow & { request_id: string | null; submission_reference: string | null })[] {
    return this.db
      .prepare(
        `SELECT runs.*, submissions.request_id AS request_id, submissions.reference AS submission_reference
         FROM runs LEFT JOIN submissions ON submissions.run_id = runs.id
         ORDER BY runs.started_at DESC, runs.rowid DESC LIMIT ?`,
      )
      .all(limit) as never;
  }

  run(id: string): RunRow | undefined {
    return this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  }

  checksOf(runId: string): Record<string, unknown>[] {
    return this.db.prepare('SELECT * FROM check_results WHERE run_id = ? ORDER BY position').all(runId) as Record<string, unknown>[];
  }

  confirmationsOf(runId: string): Record<string, unknown>[] {
    return this.db.prepare('SELECT * FROM confirmations WHERE run_id = ? ORDER BY check_id').all(runId) as Record<string, unknown>[];
  }

  eventsOf(runId: string): EventRow[] {
    return this.db.prepare('SELECT * FROM events WHERE run_id = ? ORDER BY id').all(runId) as EventRow[];
  }

  submissionsOf(runId: string): SubmissionRow[] {
    return this.db.prepare('SELECT * FROM submissions WHERE run_id = ? ORDER BY id').all(runId) as SubmissionRow[];
  }

  requestsOf(runId: string): { id: string; content: string }[] {
    return this.db.prepare('SELECT id, content FROM requests WHERE first_run_id = ?').all(runId) as never;
  }

  /** The latest request and its submission, for `status`. */
  latestRequest(): { request: ClosureRequest; createdAt: string; submission: SubmissionRow | undefined } | undefined {
    const row = this.db.prepare('SELECT * FROM requests ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as
      | { id: string; created_at: string; content: string }
      | undefined;
    if (!row) return undefined;
    return { request: JSON.parse(row.content) as ClosureRequest, createdAt: row.created_at, submission: this.submissionFor(row.id) };
  }

  /** Every row of every table, for export. */
  dump(): Record<string, Record<string, unknown>[]> {
    const tables = ['runs', 'check_results', 'confirmations', 'requests', 'submissions', 'events'];
    return Object.fromEntries(tables.map((table) => [table, this.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[]]));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
