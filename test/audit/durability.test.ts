// When the audit log's records reach the disk: what a run finds (its start, each check result, the
// readiness) is committed without an fsync each; every other record (a run's end, a submission)
// is committed with one, which takes the earlier ones with it; and the head kept outside is never
// written before what it names is on disk. A killed process loses no committed record.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditLog } from '../../src/audit/audit-log.js';
import { readAudit } from '../helpers/audit.js';
import { startCli } from '../helpers/cli-async.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';

/** Every fsync this process makes from JavaScript, by the file's name (SQLite's own are native). */
const synced: string[] = [];
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const names = new Map<number, string>();
  const openSync = ((path: string, ...rest: unknown[]) => {
    const fd = (fs.openSync as (...args: unknown[]) => number)(path, ...rest);
    names.set(fd, String(path));
    return fd;
  }) as typeof fs.openSync;
  const fsyncSync = (fd: number) => {
    synced.push(names.get(fd) ?? `fd ${fd}`);
    fs.fsyncSync(fd);
  };
  return { ...fs, default: { ...fs, openSync, fsyncSync }, openSync, fsyncSync };
});

// The files of a vitest worker share their modules (vitest.config.ts, isolate: false): the audit
// log may already be loaded with the real node:fs. Loaded afresh here, it sees the mock above.
vi.resetModules();
const { AuditLog: FreshAuditLog } = await import('../../src/audit/audit-log.js');

const PROCESS = { pid: 1, host: 'test' };
const open: AuditLog[] = [];
afterEach(() => open.splice(0).forEach((log) => log.close()));

function freshLog(): AuditLog {
  const log = FreshAuditLog.open(join(mkdtempSync(join(tmpdir(), 'audit-durability-')), 'audit.db'));
  open.push(log);
  return log;
}

/** The connection's synchronous setting: 1 NORMAL (written, not fsynced), 2 FULL (fsynced). */
const synchronous = (log: AuditLog) => (log as unknown as { db: { pragma(sql: string, o: object): unknown } }).db.pragma('synchronous', { simple: true });

describe('audit log durability', () => {
  it('commits what a run found without an fsync each, and its end with one', () => {
    const log = freshLog();
    const runId = log.startRun({ command: 'check', adapter: 'demo', demo: true, asOf: '2026-11-26', process: PROCESS });
    expect(synchronous(log)).toBe(1);
    log.recordEvent(runId, 'check-result', { id: 'open-orders', status: 'pass', summary: 'none' });
    expect(synchronous(log)).toBe(1);
    log.finishRun(runId, 'completed', 0);
    expect(synchronous(log)).toBe(2);
    // Anything else is fsynced as it is committed: an error, an interruption, a status answer.
    log.recordEvent(runId, 'check-result', { id: 'claims', status: 'pass', summary: 'none' });
    log.recordEvent(runId, 'failed', { error: 'x' });
    expect(synchronous(log)).toBe(2);
    expect(log.verify()).toMatchObject({ intact: true, records: 5 });
  });

  it('writes the head kept outside only once what it names is on disk', () => {
    const log = freshLog();
    synced.length = 0;
    log.startRun({ command: 'check', adapter: 'demo', demo: true, asOf: '2026-11-26', process: PROCESS });
    log.close(); // a run that never finished: its start was committed without an fsync
    const wal = synced.indexOf(`${log.path}-wal`);
    const head = synced.findIndex((name) => name.includes("audit.db.head"));
    expect(wal).toBeGreaterThanOrEqual(0);
    expect(head).toBeGreaterThan(wal);
  });

  it('before fix listings asks Amazon to delete, what the run recorded is on disk', async () => {
    const { DeletionLedger } = await import('../../src/adapters/sp-api/listings-cleanup.js');
    const log = freshLog();
    const runId = log.startRun({ command: 'fix-listings', adapter: 'sp-api', demo: false, asOf: '2026-11-26', process: PROCESS });
    synced.length = 0;
    new DeletionLedger(log, runId, 'A1SELLER').beforeDeleting();
    expect(synced).toContain(`${log.path}-wal`);
  });

  it('needs no fsync of its own at close when the last commit had one', () => {
    const log = freshLog();
    const runId = log.startRun({ command: 'check', adapter: 'demo', demo: true, asOf: '2026-11-26', process: PROCESS });
    log.finishRun(runId, 'completed', 0);
    synced.length = 0;
    log.close();
    expect(synced.filter((name) => name.endsWith('-wal'))).toEqual([]);
    expect(synced.some((name) => name.includes("audit.db.head"))).toBe(true);
  });

  it('killed (SIGKILL) during the checks: every record committed is kept, the chain holds, the next run closes it', async () => {
    const { env, db } = sandbox();
    const run = startCli(['check'], { ...env, CLOSE_ACCOUNT_FAILPOINT: 'during-checks' });
    await run.waitForStderr('failpoint reached: during-checks');
    run.child.kill('SIGKILL');
    await run.exit();
    const killed = readAudit(db);
    expect(killed.intact).toBe(true);
    expect(killed.types[0]).toBe('run-started');
    // Its process is gone: not 'running' (attack-y4), abandoned until the next run records it.
    expect(killed.runs[0]).toMatchObject({ outcome: 'abandoned' });
    // The next run needs no process of its own (the killed one did): main() in this process.
    const next = await runMain(['check'], env);
    expect(next.code).toBe(3);
    const after = readAudit(db);
    expect(after.intact).toBe(true);
    expect(after.runs.find((r) => r.id === killed.runs[0]!.id)).toMatchObject({ outcome: 'interrupted' });
  });
});
