// The audit log tells the truth: tampered each way outside testing found (emptied, newest records
// deleted, guards replaced by look-alikes, random bytes over a page, record bodies nulled with the
// chain recomputed), `audit verify` says it is broken (exit 3), `check`, `submit` and `status`
// refuse to add to it (exit 2, with what to do) and never call it a bug; a request already
// submitted is never submitted again. The files are the seller's alone (0700/0600, -wal and -shm
// too), and eight processes opening a new log at once all succeed.

import { existsSync, openSync, readdirSync, statSync, truncateSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GUARD_SQL } from '../../src/audit/migrations.js';
import { GENESIS_HASH, recordHash } from '../../src/audit/record-chain.js';
import { startCli } from '../helpers/cli-async.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';

const SELLER = 'A2DEMO5ELLER7Q';
const SUBMIT = ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', SELLER];
const BUG = 'Something went wrong inside close-account';

// The tampering tests run main() in this process (runMain): what they prove is what the program
// reads from a log and refuses; the files' modes and processes at once are tested with real
// processes below.
async function submitted() {
  const box = sandbox();
  expect((await runMain(['check'], box.env)).code).toBe(3);
  expect((await runMain(SUBMIT, box.env)).code).toBe(0);
  return box;
}

function tamper(db: string, change: (raw: Database.Database) => void) {
  const raw = new Database(db);
  raw.exec('DROP TRIGGER records_no_update; DROP TRIGGER records_no_delete;');
  change(raw);
  raw.exec(`${GUARD_SQL.records_no_update}; ${GUARD_SQL.records_no_delete};`);
  raw.close();
}

function submissions(db: string): number {
  const raw = new Database(db, { readonly: true });
  try {
    return (raw.prepare("SELECT count(*) AS n FROM records WHERE type = 'submission'").get() as { n: number }).n;
  } finally {
    raw.close();
  }
}

/** What a broken log must do: verify exit 3 saying `says`; check and submit exit 2, no bug, nothing submitted again. */
async function expectRefused(env: Record<string, string>, says: string | RegExp) {
  const verify = await runMain(['audit', 'verify'], env);
  expect(verify.code, verify.stderr).toBe(3);
  if (typeof says === 'string') expect(verify.stderr).toContain(says);
  else expect(verify.stderr).toMatch(says);
  for (const args of [['check'], SUBMIT, ['status']]) {
    const result = await runMain(args, env);
    expect(result.code, `${args[0]}: ${result.stderr}`).toBe(2);
    expect(result.stderr).toContain('The audit log does not verify, so nothing is added to it.');
    expect(result.stderr).toContain('--audit-db NEW-FILE');
    expect(result.stderr).not.toContain(BUG);
  }
}

describe('a tampered audit log', () => {
  it('emptied to 0 bytes: broken, and the submitted request is not submitted again', async () => {
    const { env, db } = await submitted();
    truncateSync(db, 0);
    await expectRefused(env, /has lost its newest records: it held record \d+/);
    expect(statSync(db).size).toBe(0); // left as found: evidence
  });

  it('deleted outright: the head kept in the state folder still knows', async () => {
    const { env, db } = await submitted();
    unlinkSync(db);
    unlinkSync(`${db}.head`);
    await expectRefused(env, 'has lost its newest records');
  });

  it('its newest records deleted (guards put back): broken, no second submission', async () => {
    const { env, db } = await submitted();
    tamper(db, (raw) => raw.exec("DELETE FROM records WHERE seq >= (SELECT seq FROM records WHERE type = 'submission-started')"));
    await expectRefused(env, 'has lost its newest records');
    expect(submissions(db)).toBe(0);
  });

  it('triggers replaced by no-ops under the same names: broken', async () => {
    const { env, db } = await submitted();
    const raw = new Database(db);
    raw.exec(`DROP TRIGGER records_no_update; CREATE TRIGGER records_no_update BEFORE UPDATE ON records BEGIN SELECT 1; END;`);
    raw.close();
    await expectRefused(env, 'still has a guard named records_no_update, but not as close-account made it');
  });

  it('a non-unique index under the guard\'s name: broken', async () => {
    const { env, db } = await submitted();
    const raw = new Database(db);
    raw.exec('DROP INDEX one_submission_per_request; CREATE INDEX one_submission_per_request ON records(request_id);');
    raw.close();
    await expectRefused(env, 'still has a guard named one_submission_per_request');
  });

  it('random bytes over a page: damaged, an input error, never "a bug"', async () => {
    const { env, db } = await submitted();
    const fd = openSync(db, 'r+');
    writeSync(fd, randomBytes(4096), 0, 4096, 4096 * 2);
    closeSync(fd);
    await expectRefused(env, /damaged|was edited|does not follow|deleted|does not hold/);
    for (const args of [['audit', 'list'], ['audit', 'show', 'run-x'], ['audit', 'export']]) {
      const result = await runMain(args, env);
      expect(result.stderr, args.join(' ')).not.toContain(BUG);
      expect(result.code).not.toBe(1);
    }
  });

  it('random bytes over the header page: damaged, exit 2 / 3, never "a bug"', async () => {
    const { env, db } = await submitted();
    const fd = openSync(db, 'r+');
    writeSync(fd, randomBytes(100), 0, 100, 0);
    closeSync(fd);
    const verify = await runMain(['audit', 'verify'], env);
    expect(verify.code).toBe(3);
    expect(verify.stderr).toContain('is damaged');
    const check = await runMain(['check'], env);
    expect(check.code).toBe(2);
    expect(check.stderr).not.toContain(BUG);
  });

  it('record bodies set to null with the whole chain recomputed: broken; readers do not crash', async () => {
    const { env, db } = await submitted();
    tamper(db, (raw) => {
      const rows = raw.prepare('SELECT * FROM records ORDER BY seq').all() as { seq: number; at: string; run_id: string | null; type: string; request_id: string | null }[];
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const hash = recordHash(prev, { seq: row.seq, at: row.at, runId: row.run_id, type: row.type, requestId: row.request_id, body: 'null' });
        raw.prepare('UPDATE records SET body = ?, prev_hash = ?, hash = ? WHERE seq = ?').run('null', prev, hash, row.seq);
        prev = hash;
      }
    });
    await expectRefused(env, 'does not hold a record\'s details');
    const list = await runMain(['audit', 'list'], env);
    expect(list.stderr).not.toContain(BUG);
    expect(list.code).toBe(3);
  });

  it('its chain rewritten whole from some record on: the head kept outside no longer matches', async () => {
    const { env, db } = await submitted();
    tamper(db, (raw) => {
      const rows = raw.prepare('SELECT * FROM records ORDER BY seq').all() as { seq: number; at: string; run_id: string | null; type: string; request_id: string | null; body: string }[];
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const body = row.body.replace('stopped-selling', 'fees-too-high');
        const hash = recordHash(prev, { seq: row.seq, at: row.at, runId: row.run_id, type: row.type, requestId: row.request_id, body });
        raw.prepare('UPDATE records SET body = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(body, prev, hash, row.seq);
        prev = hash;
      }
    });
    await expectRefused(env, 'is not the record it was');
  });
});

describe('the audit log\'s files', () => {
  it('are the seller\'s alone: folder 0700, the log, its -wal and -shm 0600', async () => {
    const { env, db } = sandbox();
    const run = startCli([...SUBMIT, '--submitter', 'demo'], { ...env, CLOSE_ACCOUNT_FAILPOINT: 'after-submission-started' });
    await run.waitForStderr('failpoint reached');
    try {
      expect(statSync(dirname(db)).mode & 0o777).toBe(0o700);
      const files = readdirSync(dirname(db)).filter((f) => f.startsWith('audit.db'));
      expect(files).toEqual(expect.arrayContaining(['audit.db', 'audit.db-wal', 'audit.db-shm', 'audit.db.head']));
      for (const file of files) expect(statSync(join(dirname(db), file)).mode & 0o777, file).toBe(0o600);
    } finally {
      run.child.kill('SIGKILL');
      await run.exit();
    }
  });

  it('eight processes opening a new log at once all succeed, and the chain holds', async () => {
    const { env, db } = sandbox();
    const runs = Array.from({ length: 8 }, () => startCli(['check'], env));
    const codes = await Promise.all(runs.map((r) => r.exit()));
    for (const [i, run] of runs.entries()) expect(codes[i], run.stderr()).toBe(3);
    expect(existsSync(db)).toBe(true);
    // Once they have all ended, what the log holds is read by main() in this process.
    const verify = await runMain(['audit', 'verify', '--json'], env);
    expect(JSON.parse(verify.stdout)).toMatchObject({ intact: true });
    expect((await runMain(['audit', 'list', '--json'], env)).stdout.match(/"command": "check"/g)).toHaveLength(8);
  });
});
