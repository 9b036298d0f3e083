import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoAdapter } from '../../src/adapters/demo/demo-adapter.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { canonicalJson } from '../../src/audit/canonical-json.js';
import { defaultAuditDbPath } from '../../src/audit/default-path.js';
import { SCHEMA_VERSION } from '../../src/audit/migrations.js';
import { assembleClosureRequest } from '../../src/core/closure-request.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { t } from '../helpers/records.js';

const open: AuditLog[] = [];
afterEach(() => open.splice(0).forEach((log) => log.close()));

export function freshLog(): AuditLog {
  const log = AuditLog.open(join(mkdtempSync(join(tmpdir(), 'audit-')), 'nested', 'audit.db'));
  open.push(log);
  return log;
}

const PROCESS = { pid: 1, host: 'test' };
const startRun = (log: AuditLog, command = 'check') => log.startRun({ command, adapter: 'demo', demo: true, asOf: '2026-11-26', process: PROCESS });

async function request(email = 'o@example.com') {
  const result = await assembleClosureRequest(
    { sellerId: 'A2DEMO5ELLER7Q', region: 'north-america', marketplaces: ['US'], reason: 'stopped-selling', email },
    { asOf: '2026-11-26', verdict: 'ready' },
    t,
  );
  if (!result.ok) throw new Error('invalid');
  return result.request;
}

describe('audit log', () => {
  it('is a real SQLite file at its schema version, created with its folder', () => {
    const log = freshLog();
    const raw = new Database(log.path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
    expect(readFileSync(log.path).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('records a run with every check result, the confirmations and the verdict', async () => {
    const log = freshLog();
    const readiness = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: '2026-11-26', t, attested: new Set(['bank-account']) });
    const runId = startRun(log);
    log.recordReadiness(runId, readiness, new Map([['bank-account', 'flag']]));
    log.finishRun(runId, 'completed', 3);
    expect(log.run(runId)).toMatchObject({ outcome: 'completed', exit_code: 3, verdict: 'blocked', earliest_close_date: '2027-02-18', demo: true });
    const evidence = log.recordsOfRun(runId).find((r) => r.type === 'readiness')!.body as { checks: unknown[]; confirmations: unknown[] };
    expect(evidence.checks).toHaveLength(readiness.checks.length);
    expect(evidence.confirmations).toEqual([{ checkId: 'bank-account', how: 'flag' }]);
    // A finished run stays finished: a late interruption adds nothing.
    log.finishRun(runId, 'interrupted', 130);
    expect(log.run(runId)!.outcome).toBe('completed');
    expect(log.verify()).toMatchObject({ intact: true, records: 3 });
  });

  it('never records two submissions of one request', async () => {
    const log = freshLog();
    const runA = startRun(log, 'submit');
    const runB = startRun(log, 'submit');
    const req = await request();
    log.recordRequest(runA, req);
    const first = log.recordSubmission(runA, req, 'demo', 'DEMO-1', {});
    const second = log.recordSubmission(runB, req, 'demo', 'DEMO-2', {});
    expect(second).toEqual(first);
    const raw = new Database(log.path, { readonly: true });
    expect(raw.prepare("SELECT count(*) AS n FROM records WHERE type = 'submission'").get()).toEqual({ n: 1 });
    raw.close();
  });

  it('claims a submission only while no other request of the seller and region is live, under the write lock', async () => {
    // Two runs with different answers (different request ids) both passed the early check: the
    // claim itself must refuse the second.
    const log = freshLog();
    const runA = startRun(log, 'submit');
    const runB = startRun(log, 'submit');
    const first = await request('a@example.com');
    const second = await request('b@example.com');
    expect(second.id).not.toBe(first.id);
    log.recordRequest(runA, first);
    log.recordRequest(runB, second);
    expect(log.recordSubmissionStarted(runA, first, 'demo')).toEqual({ kind: 'claimed' });
    expect(log.recordSubmissionStarted(runB, second, 'demo')).toEqual({ kind: 'live', id: first.id, state: 'submitting' });
  });

  it('knows each request\'s state, and a submission that started and never finished', async () => {
    const log = freshLog();
    const runId = startRun(log, 'submit');
    const req = await request();
    log.recordRequest(runId, req);
    expect(log.latestRequest()!.state).toBe('draft');
    log.recordSubmissionStarted(runId, req, 'webhook');
    expect(log.latestRequest()).toMatchObject({ state: 'submitting', interruptedSubmission: { submitter: 'webhook', runId } });
    log.recordSubmission(runId, req, 'webhook', 'T-1', {});
    expect(log.latestRequest()).toMatchObject({ state: 'submitted', interruptedSubmission: null });
    log.recordRequestStatus(null, req.id, 'rejected', 'open A-to-z claim', 'claims');
    expect(log.latestRequest()).toMatchObject({ state: 'rejected', statuses: [{ state: 'rejected', matchedCheck: 'claims' }] });
  });

  it('refuses to change or remove a record', async () => {
    const log = freshLog();
    startRun(log);
    const raw = new Database(log.path);
    expect(() => raw.prepare("UPDATE records SET type = 'forged'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM records').run()).toThrow(/append-only/);
    raw.close();
  });

  it('refuses a database written by a newer version', () => {
    const log = freshLog();
    log.close();
    const raw = new Database(log.path);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => AuditLog.open(log.path)).toThrow('999');
  });

  it('converts a version 1 log into chained records', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-v1-'));
    const path = join(dir, 'audit.db');
    const raw = new Database(path);
    raw.exec(`
      CREATE TABLE runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, ended_at TEXT, command TEXT NOT NULL, adapter TEXT NOT NULL, demo INTEGER NOT NULL, as_of TEXT NOT NULL, outcome TEXT NOT NULL DEFAULT 'running', verdict TEXT, earliest_close_date TEXT, exit_code INTEGER) STRICT;
      CREATE TABLE check_results (run_id TEXT NOT NULL, position INTEGER NOT NULL, check_id TEXT NOT NULL, status TEXT NOT NULL, summary TEXT NOT NULL, count INTEGER, clears_on TEXT, confirmed INTEGER, detail TEXT NOT NULL, PRIMARY KEY (run_id, check_id)) STRICT;
      CREATE TABLE confirmations (run_id TEXT NOT NULL, check_id TEXT NOT NULL, how TEXT NOT NULL, confirmed_at TEXT NOT NULL, PRIMARY KEY (run_id, check_id)) STRICT;
      CREATE TABLE requests (id TEXT PRIMARY KEY, first_run_id TEXT NOT NULL, created_at TEXT NOT NULL, content TEXT NOT NULL) STRICT;
      CREATE TABLE submissions (id INTEGER PRIMARY KEY, request_id TEXT NOT NULL UNIQUE, run_id TEXT NOT NULL, submitter TEXT NOT NULL, reference TEXT NOT NULL, submitted_at TEXT NOT NULL, receipt TEXT NOT NULL) STRICT;
      CREATE TABLE events (id INTEGER PRIMARY KEY, run_id TEXT, at TEXT NOT NULL, type TEXT NOT NULL, detail TEXT NOT NULL) STRICT;
      INSERT INTO runs VALUES ('run-1', '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:01.000Z', 'submit', 'demo', 1, '2026-11-20', 'completed', 'ready', '2026-11-20', 0);
      INSERT INTO check_results VALUES ('run-1', 0, 'open-orders', 'pass', 'No open orders.', 0, NULL, NULL, '{"items":[],"remediation":null}');
      INSERT INTO requests VALUES ('CR-0000000000000001', 'run-1', '2026-11-20T10:00:00.500Z', '{"id":"CR-0000000000000001","sellerId":"A2DEMO5ELLER7Q","region":"north-america","marketplaces":["US"],"reason":"stopped-selling"}');
      INSERT INTO submissions VALUES (1, 'CR-0000000000000001', 'run-1', 'demo', 'DEMO-1', '2026-11-20T10:00:00.800Z', '{}');
      PRAGMA user_version = 1;
    `);
    raw.close();
    const log = AuditLog.open(path);
    open.push(log);
    expect(log.verify()).toMatchObject({ intact: true, records: 5 });
    expect(log.run('run-1')).toMatchObject({ outcome: 'completed', verdict: 'ready', submission_reference: 'DEMO-1' });
    expect(log.submissionFor('CR-0000000000000001')).toMatchObject({ reference: 'DEMO-1' });
  });
});

describe('canonical JSON', () => {
  it('spells a value one way whatever its key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], e: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('default audit log path', () => {
  it('follows XDG on Linux and the platform convention elsewhere', () => {
    expect(defaultAuditDbPath({}, 'linux', '/home/ann')).toBe('/home/ann/.local/share/close-account/audit.db');
    expect(defaultAuditDbPath({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ann')).toBe('/data/close-account/audit.db');
    // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
    expect(defaultAuditDbPath({ XDG_DATA_HOME: 'rel' }, 'linux', '/home/ann')).toBe('/home/ann/.local/share/close-account/audit.db');
    expect(defaultAuditDbPath({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/close-account/audit.db');
    expect(defaultAuditDbPath({ CLOSE_ACCOUNT_AUDIT_DB: '/x/a.db' }, 'linux', '/home/ann')).toBe('/x/a.db');
  });
});
