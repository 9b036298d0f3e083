// Tampering with the audit log's file directly: `audit verify` names the first record that was
// edited, deleted or reordered, and notices the append-only guards gone (exit 0 intact, 3 broken).

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { recordHash } from '../../src/audit/record-chain.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';

const SELLER = 'A2DEMO5ELLER7Q';
const SUBMIT = ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', SELLER];

// main() runs in this process (runMain): the verdicts come from the file, not from the process.
// The built CLI verifies logs as a real process in test/security/attack-13.test.ts (a chain head
// that is not a file).
async function logWithHistory() {
  const box = sandbox();
  await runMain(['check'], box.env);
  expect((await runMain(SUBMIT, box.env)).code).toBe(0);
  await runMain(['status', '--record', 'closed'], box.env);
  return box;
}

function tamper(db: string, sql: string) {
  const raw = new Database(db);
  raw.exec(sql);
  raw.close();
}

const DROP_GUARDS = 'DROP TRIGGER records_no_update; DROP TRIGGER records_no_delete;';

describe('audit verify', () => {
  it('passes an untouched log (exit 0) and names its head', async () => {
    const { env } = await logWithHistory();
    const result = await runMain(['audit', 'verify'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/The audit log is intact: \d+ records, chain head [0-9a-f]{64}\./);
    const json = JSON.parse((await runMain(['audit', 'verify', '--json'], env)).stdout);
    expect(json).toMatchObject({ intact: true, problem: null });
  });

  it('notices the append-only triggers dropped', async () => {
    const { env, db } = await logWithHistory();
    tamper(db, DROP_GUARDS);
    const result = await runMain(['audit', 'verify'], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('has lost its append-only guard records_no_update');
  });

  it('names an edited record', async () => {
    const { env, db } = await logWithHistory();
    tamper(db, `${DROP_GUARDS} UPDATE records SET body = replace(body, 'stopped-selling', 'fees-too-high') WHERE type = 'request';`);
    const seq = new Database(db, { readonly: true }).prepare("SELECT seq FROM records WHERE type = 'request'").get() as { seq: number };
    const result = await runMain(['audit', 'verify'], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`Record ${seq.seq} of the audit log`);
    expect(result.stderr).toContain('was edited after it was written');
  });

  it('names a record edited with its hash recomputed, by the broken link after it', async () => {
    const { env, db } = await logWithHistory();
    // A careful forger rewrites the hash too; the next record still points at the old one.
    const raw = new Database(db);
    raw.exec(DROP_GUARDS);
    const row = raw.prepare("SELECT * FROM records WHERE type = 'readiness' ORDER BY seq LIMIT 1").get() as { seq: number; at: string; run_id: string | null; type: string; request_id: string | null; body: string; prev_hash: string };
    const body = row.body.replace('"blocked"', '"ready"');
    const hash = recordHash(row.prev_hash, { seq: row.seq, at: row.at, runId: row.run_id, type: row.type, requestId: row.request_id, body });
    expect(body).not.toBe(row.body);
    raw.prepare('UPDATE records SET body = ?, hash = ? WHERE seq = ?').run(body, hash, row.seq);
    raw.close();
    const result = await runMain(['audit', 'verify'], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`Record ${row.seq + 1} of the audit log`);
    expect(result.stderr).toContain('does not follow the record before it');
  });

  it('names a deleted record', async () => {
    const { env, db } = await logWithHistory();
    tamper(db, `${DROP_GUARDS} DELETE FROM records WHERE seq = 5;`);
    const result = await runMain(['audit', 'verify'], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Record 5 of the audit log');
    expect(result.stderr).toContain('was deleted');
  });

  it('names the first of two swapped records', async () => {
    const { env, db } = await logWithHistory();
    tamper(
      db,
      `${DROP_GUARDS}
       UPDATE records SET seq = -1 WHERE seq = 6;
       UPDATE records SET seq = 6 WHERE seq = 7;
       UPDATE records SET seq = 7 WHERE seq = -1;`,
    );
    const result = await runMain(['audit', 'verify'], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Record 6 of the audit log .* was edited after it was written/);
  });

  it('flags a tampered log in the dossier too', async () => {
    const { env, db } = await logWithHistory();
    tamper(db, `${DROP_GUARDS} DELETE FROM records WHERE seq = 2;`);
    const md = await runMain(['audit', 'export'], env);
    expect(md.stdout).toContain('AUDIT CHAIN BROKEN at record 2 (missing)');
    expect(md.stderr).toContain('does not verify');
  });
});
