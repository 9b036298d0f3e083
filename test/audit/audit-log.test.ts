import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoAdapter } from '../../src/adapters/demo/demo-adapter.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { defaultAuditDbPath } from '../../src/audit/default-path.js';
import { SCHEMA_VERSION } from '../../src/audit/migrations.js';
import { assembleClosureRequest } from '../../src/core/closure-request.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { t } from '../helpers/records.js';

const open: AuditLog[] = [];
afterEach(() => open.splice(0).forEach((log) => log.close()));

function freshLog(): AuditLog {
  const log = AuditLog.open(join(mkdtempSync(join(tmpdir(), 'audit-')), 'nested', 'audit.db'));
  open.push(log);
  return log;
}

async function request() {
  const result = await assembleClosureRequest(
    { sellerId: 'A2DEMO5ELLER7Q', region: 'north-america', marketplaces: ['US'], reason: 'stopped-selling', email: 'o@example.com' },
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

  it('records a run with every check result and the verdict', async () => {
    const log = freshLog();
    const readiness = await evaluateReadiness(createDemoAdapter('blocked'), { asOf: '2026-11-26', t, attested: new Set(['bank-account']) });
    const runId = log.startRun({ command: 'check', adapter: 'demo', demo: true, asOf: '2026-11-26' });
    log.recordReadiness(runId, readiness, new Map([['bank-account', 'flag']]));
    log.finishRun(runId, 'completed', 3);
    const run = log.run(runId)!;
    expect(run).toMatchObject({ outcome: 'completed', exit_code: 3, verdict: 'blocked', earliest_close_date: '2027-02-18', demo: 1 });
    expect(log.checksOf(runId)).toHaveLength(readiness.checks.length);
    expect(log.confirmationsOf(runId)).toEqual([expect.objectContaining({ check_id: 'bank-account', how: 'flag' })]);
    // A finished run stays finished: a late interruption does not rewrite it.
    log.finishRun(runId, 'interrupted', 130);
    expect(log.run(runId)!.outcome).toBe('completed');
  });

  it('never records two submissions of one request', async () => {
    const log = freshLog();
    const runA = log.startRun({ command: 'submit', adapter: 'demo', demo: true, asOf: '2026-11-26' });
    const runB = log.startRun({ command: 'submit', adapter: 'demo', demo: true, asOf: '2026-11-26' });
    const req = await request();
    log.recordRequest(runA, req);
    const first = log.recordSubmission(runA, req, 'demo', 'DEMO-1', {});
    const second = log.recordSubmission(runB, req, 'demo', 'DEMO-2', {});
    expect(second).toEqual(first);
    expect(log.dump().submissions).toHaveLength(1);
  });

  it('refuses to change or remove a submission', async () => {
    const log = freshLog();
    const runId = log.startRun({ command: 'submit', adapter: 'demo', demo: true, asOf: '2026-11-26' });
    const req = await request();
    log.recordRequest(runId, req);
    log.recordSubmission(runId, req, 'demo', 'DEMO-1', {});
    const raw = new Database(log.path);
    expect(() => raw.prepare("UPDATE submissions SET reference = 'forged'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM submissions').run()).toThrow(/append-only/);
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
