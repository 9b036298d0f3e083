// Schema steps, applied in order inside a transaction each; PRAGMA user_version records the last.

import type { Database } from 'better-sqlite3';

const STEPS: ((db: Database) => void)[] = [
  // 1: runs, their check results and confirmations, requests, submissions, events.
  (db) =>
    db.exec(`
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        command TEXT NOT NULL,
        adapter TEXT NOT NULL,
        demo INTEGER NOT NULL,
        as_of TEXT NOT NULL,
        outcome TEXT NOT NULL DEFAULT 'running',
        verdict TEXT,
        earliest_close_date TEXT,
        exit_code INTEGER
      ) STRICT;
      CREATE TABLE check_results (
        run_id TEXT NOT NULL REFERENCES runs(id),
        position INTEGER NOT NULL,
        check_id TEXT NOT NULL,
        status TEXT NOT NULL,
        summary TEXT NOT NULL,
        count INTEGER,
        clears_on TEXT,
        confirmed INTEGER,
        detail TEXT NOT NULL,
        PRIMARY KEY (run_id, check_id)
      ) STRICT;
      CREATE TABLE confirmations (
        run_id TEXT NOT NULL REFERENCES runs(id),
        check_id TEXT NOT NULL,
        how TEXT NOT NULL,
        confirmed_at TEXT NOT NULL,
        PRIMARY KEY (run_id, check_id)
      ) STRICT;
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        first_run_id TEXT NOT NULL REFERENCES runs(id),
        created_at TEXT NOT NULL,
        content TEXT NOT NULL
      ) STRICT;
      CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        request_id TEXT NOT NULL UNIQUE REFERENCES requests(id),
        run_id TEXT NOT NULL REFERENCES runs(id),
        submitter TEXT NOT NULL,
        reference TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        receipt TEXT NOT NULL
      ) STRICT;
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        run_id TEXT REFERENCES runs(id),
        at TEXT NOT NULL,
        type TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;
      -- Submissions are proof: they are never changed or removed.
      CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
      CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
    `),
];

export const SCHEMA_VERSION = STEPS.length;

export class NewerSchemaError extends Error {}

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) throw new NewerSchemaError(String(current));
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      STEPS[version]!(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
