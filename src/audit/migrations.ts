// Schema steps, applied in order inside a transaction each; PRAGMA user_version records the last.

import type { Database } from 'better-sqlite3';
import { canonicalJson } from './canonical-json.js';
import { GENESIS_HASH, recordHash } from './record-chain.js';

/** The guards that keep the log append-only, exactly as created: verify compares what the file holds with these. */
export const GUARD_SQL: Readonly<Record<string, string>> = {
  one_submission_per_request: "CREATE UNIQUE INDEX one_submission_per_request ON records(request_id) WHERE type = 'submission'",
  records_no_update: "CREATE TRIGGER records_no_update BEFORE UPDATE ON records BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
  records_no_delete: "CREATE TRIGGER records_no_delete BEFORE DELETE ON records BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
};

const RECORDS_DDL = `
  CREATE TABLE records (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    run_id TEXT,
    type TEXT NOT NULL,
    request_id TEXT,
    body TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  ) STRICT;
  CREATE INDEX records_by_run ON records(run_id);
  CREATE INDEX records_by_request ON records(request_id, type);
  -- One submission per request, whatever any code path does.
  CREATE UNIQUE INDEX one_submission_per_request ON records(request_id) WHERE type = 'submission';
  -- Records are proof: never changed, never removed.
  CREATE TRIGGER records_no_update BEFORE UPDATE ON records BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER records_no_delete BEFORE DELETE ON records BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

const STEPS: ((db: Database) => void)[] = [
  // 1: runs, their check results and confirmations, requests, submissions, events (0.1.0).
  (db) =>
    db.exec(`
      CREATE TABLE runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, ended_at TEXT, command TEXT NOT NULL, adapter TEXT NOT NULL,
        demo INTEGER NOT NULL, as_of TEXT NOT NULL, outcome TEXT NOT NULL DEFAULT 'running', verdict TEXT, earliest_close_date TEXT, exit_code INTEGER) STRICT;
      CREATE TABLE check_results (run_id TEXT NOT NULL REFERENCES runs(id), position INTEGER NOT NULL, check_id TEXT NOT NULL, status TEXT NOT NULL,
        summary TEXT NOT NULL, count INTEGER, clears_on TEXT, confirmed INTEGER, detail TEXT NOT NULL, PRIMARY KEY (run_id, check_id)) STRICT;
      CREATE TABLE confirmations (run_id TEXT NOT NULL REFERENCES runs(id), check_id TEXT NOT NULL, how TEXT NOT NULL, confirmed_at TEXT NOT NULL,
        PRIMARY KEY (run_id, check_id)) STRICT;
      CREATE TABLE requests (id TEXT PRIMARY KEY, first_run_id TEXT NOT NULL REFERENCES runs(id), created_at TEXT NOT NULL, content TEXT NOT NULL) STRICT;
      CREATE TABLE submissions (id INTEGER PRIMARY KEY, request_id TEXT NOT NULL UNIQUE REFERENCES requests(id), run_id TEXT NOT NULL REFERENCES runs(id),
        submitter TEXT NOT NULL, reference TEXT NOT NULL, submitted_at TEXT NOT NULL, receipt TEXT NOT NULL) STRICT;
      CREATE TABLE events (id INTEGER PRIMARY KEY, run_id TEXT REFERENCES runs(id), at TEXT NOT NULL, type TEXT NOT NULL, detail TEXT NOT NULL) STRICT;
    `),
  // 2: one hash-chained, append-only table of records; version 1's rows become records, in time order.
  (db) => {
    db.exec(RECORDS_DDL);
    const old: { at: string; runId: string | null; type: string; requestId: string | null; body: unknown; order: number }[] = [];
    const rows = <T>(sql: string) => db.prepare(sql).all() as T[];
    for (const r of rows<Record<string, string | number | null>>('SELECT * FROM runs')) {
      old.push({ at: String(r.started_at), runId: String(r.id), type: 'run-started', requestId: null, body: { command: r.command, adapter: r.adapter, demo: r.demo === 1, asOf: r.as_of }, order: 0 });
      if (r.ended_at) old.push({ at: String(r.ended_at), runId: String(r.id), type: 'run-finished', requestId: null, body: { outcome: r.outcome, exitCode: r.exit_code }, order: 9 });
      const checks = db.prepare('SELECT * FROM check_results WHERE run_id = ? ORDER BY position').all(r.id) as Record<string, string | number | null>[];
      if (checks.length > 0) {
        const confirmations = db.prepare('SELECT check_id, how FROM confirmations WHERE run_id = ?').all(r.id) as { check_id: string; how: string }[];
        old.push({
          at: String(r.started_at),
          runId: String(r.id),
          type: 'readiness',
          requestId: null,
          body: {
            verdict: r.verdict,
            earliestCloseDate: r.earliest_close_date,
            asOf: r.as_of,
            checks: checks.map((c) => ({ id: c.check_id, status: c.status, summary: c.summary, count: c.count, clearsOn: c.clears_on, confirmed: c.confirmed === null ? null : c.confirmed === 1, ...JSON.parse(String(c.detail)) })),
            confirmations: confirmations.map((c) => ({ checkId: c.check_id, how: c.how })),
          },
          order: 2,
        });
      }
    }
    for (const r of rows<Record<string, string>>('SELECT * FROM requests')) old.push({ at: r.created_at!, runId: r.first_run_id!, type: 'request', requestId: r.id!, body: JSON.parse(r.content!), order: 3 });
    for (const s of rows<Record<string, string>>('SELECT * FROM submissions')) {
      old.push({ at: s.submitted_at!, runId: s.run_id!, type: 'submission', requestId: s.request_id!, body: { submitter: s.submitter, reference: s.reference, receipt: JSON.parse(s.receipt!) }, order: 5 });
    }
    for (const e of rows<Record<string, string | null>>('SELECT * FROM events')) old.push({ at: e.at!, runId: e.run_id ?? null, type: e.type!, requestId: null, body: JSON.parse(e.detail!), order: 4 });
    old.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);
    const insert = db.prepare('INSERT INTO records (seq, at, run_id, type, request_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    let prevHash = GENESIS_HASH;
    old.forEach((record, i) => {
      const content = { seq: i + 1, at: record.at, runId: record.runId, type: record.type, requestId: record.requestId, body: canonicalJson(record.body) };
      const hash = recordHash(prevHash, content);
      insert.run(content.seq, content.at, content.runId, content.type, content.requestId, content.body, prevHash, hash);
      prevHash = hash;
    });
    db.exec('DROP TABLE events; DROP TABLE submissions; DROP TABLE requests; DROP TABLE confirmations; DROP TABLE check_results; DROP TABLE runs;');
  },
];

export const SCHEMA_VERSION = STEPS.length;

export class NewerSchemaError extends Error {}

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) throw new NewerSchemaError(String(current));
  if (current === SCHEMA_VERSION) return;
  // Each step reads the version again inside its immediate transaction: processes opening a new
  // log at the same moment take turns, and the ones after the first find the work done.
  for (;;) {
    const done = db.transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version >= SCHEMA_VERSION) return true;
      // The records table is the latest layout: a file that holds it under an older number had its
      // number changed by hand. Never "migrated" (that would fail, or chain old rows afresh): damaged.
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'records'").get()) {
        throw Object.assign(new Error(`schema version ${version} (PRAGMA user_version), yet the file holds version ${SCHEMA_VERSION}'s records: the number was changed`), {
          code: 'SQLITE_CORRUPT',
        });
      }
      // A new file goes straight to the latest layout; old steps only convert old files.
      if (version === 0) {
        db.exec(RECORDS_DDL);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
        return true;
      }
      STEPS[version]!(db);
      db.pragma(`user_version = ${version + 1}`);
      return false;
    }).immediate();
    if (done) return;
  }
}
