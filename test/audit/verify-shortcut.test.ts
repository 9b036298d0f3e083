// The shortcut before appending (AuditLog.verifyBeforeAppend): a log file byte for byte the one
// the last run verified and closed is not walked record by record again. Attacked here on real
// SQLite files: an edit deep in the chain, a digest edited alone, a digest recomputed into one head
// copy only, a write-ahead log left by a killed process, random bytes flipped anywhere in the
// file. Each must end in the full walk (and its naming of the record), never in the shortcut.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditLog, fileDigest } from '../../src/audit/audit-log.js';
import { ChainHeadStore } from '../../src/audit/chain-head.js';
import { GUARD_SQL } from '../../src/audit/migrations.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';

/** A log two `check` runs long, closed cleanly by the program: its heads carry the file's digest. */
async function closedLog() {
  const box = sandbox();
  expect((await runMain(['check'], box.env)).code).toBe(3);
  expect((await runMain(['check'], box.env)).code).toBe(3);
  const heads = ChainHeadStore.forLog(box.db, box.env, process.platform, box.home);
  return { ...box, heads };
}

/** How the next append would decide, and what it found. */
function decide(db: string, heads: ChainHeadStore) {
  const log = AuditLog.open(db, () => new Date(), 5000, heads);
  try {
    const verdict = log.verifyBeforeAppend();
    return { by: log.verifiedBy, verdict };
  } finally {
    log.close();
  }
}

/** Edits record `seq`'s body in place (guards dropped and put back), its hash left as it was. */
function editRecord(db: string, seq: number) {
  const raw = new Database(db);
  raw.exec('DROP TRIGGER records_no_update; DROP TRIGGER records_no_delete;');
  raw.prepare(`UPDATE records SET body = json_set(body, '$.tampered', 1) WHERE seq = ?`).run(seq);
  raw.exec(`${GUARD_SQL.records_no_update}; ${GUARD_SQL.records_no_delete};`);
  raw.close();
}

const headText = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { seq: number; hash: string; file?: { sha256: string; size: number } };

describe('the shortcut before appending', () => {
  it('a cleanly closed log is taken by its digest, kept alike in every head copy; audit verify still walks every record', async () => {
    const { db, env, heads } = await closedLog();
    expect(heads.paths).toHaveLength(2);
    const copies = heads.readAll();
    expect(copies).toHaveLength(2);
    for (const copy of copies) expect(copy.file).toEqual(fileDigest(db));
    expect(decide(db, heads).by).toBe('digest');
    const verify = await runMain(['audit', 'verify'], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('record by record');
  });

  it('a record edited deep in the chain after a clean close: the bytes differ, the full walk names it, check and submit refuse', async () => {
    const { db, env, heads } = await closedLog();
    editRecord(db, 3);
    const { by, verdict } = decide(db, heads);
    expect(by).toBeNull();
    expect(verdict.problem).toEqual({ kind: 'edited', seq: 3 });
    for (const args of [['check'], ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', 'A2DEMO5ELLER7Q']]) {
      const result = await runMain(args, env);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('Record 3 of the audit log');
    }
  });

  it('only the digest edited (every copy alike): the full walk runs, and finds the log intact', async () => {
    const { db, env, heads } = await closedLog();
    for (const path of heads.paths) {
      const head = headText(path);
      writeFileSync(path, `${JSON.stringify({ ...head, file: { sha256: 'f'.repeat(64), size: head.file!.size } })}\n`);
    }
    const { by, verdict } = decide(db, heads);
    expect(by).toBe('records');
    expect(verdict.intact).toBe(true);
    expect((await runMain(['check'], env)).code).toBe(3);
  });

  it('bytes changed and the digest recomputed into one head copy only: the copies disagree, the full walk refuses', async () => {
    const { db, env, heads } = await closedLog();
    editRecord(db, 5);
    const beside = heads.paths[0]!;
    writeFileSync(beside, `${JSON.stringify({ ...headText(beside), file: fileDigest(db) })}\n`);
    const { by, verdict } = decide(db, heads);
    expect(by).toBeNull();
    expect(verdict.problem).toEqual({ kind: 'edited', seq: 5 });
    expect((await runMain(['check'], env)).code).toBe(2);
  });

  it('a head copy missing or without a digest: the full walk', async () => {
    const { db, heads } = await closedLog();
    rmSync(heads.paths[1]!);
    expect(decide(db, heads).by).toBe('records');
    const { db: db2, heads: heads2 } = await closedLog();
    const beside = heads2.paths[0]!;
    const { file: _file, ...plain } = headText(beside);
    writeFileSync(beside, `${JSON.stringify(plain)}\n`);
    expect(decide(db2, heads2).by).toBe('records');
  });

  it('a write-ahead log left by a killed process (an edit in it, the file itself untouched): the full walk names the record', async () => {
    const { db, env, heads } = await closedLog();
    const before = fileDigest(db);
    // A real process edits record 4 through SQLite, the edit lands in the -wal file only, and it is killed before closing.
    const script = `
      const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Database(${JSON.stringify(db)});
      db.pragma('wal_autocheckpoint = 0');
      db.exec('DROP TRIGGER records_no_update; DROP TRIGGER records_no_delete;');
      db.prepare("UPDATE records SET body = json_set(body, '$.tampered', 1) WHERE seq = 4").run();
      db.exec(${JSON.stringify(`${GUARD_SQL.records_no_update}; ${GUARD_SQL.records_no_delete};`)});
      process.kill(process.pid, 'SIGKILL');`;
    const child = spawnSync(process.execPath, ['-e', script]);
    expect(child.signal).toBe('SIGKILL');
    expect(existsSync(`${db}-wal`)).toBe(true);
    expect(fileDigest(db)).toEqual(before);
    const { by, verdict } = decide(db, heads);
    expect(by).toBeNull();
    expect(verdict.problem).toEqual({ kind: 'edited', seq: 4 });
    const result = await runMain(['check'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Record 4 of the audit log');
  });

  it('another connection commits during a run (an edit, here): the run keeps no digest at close, and the next one walks and names the record', async () => {
    const { db, heads } = await closedLog();
    const log = AuditLog.open(db, () => new Date(), 5000, heads);
    expect(log.verifyBeforeAppend().intact).toBe(true);
    expect(log.verifiedBy).toBe('digest');
    log.recordEvent(null, 'warning', { note: 'during the run' });
    editRecord(db, 2);
    log.close();
    expect(heads.readAll().every((copy) => copy.file === undefined)).toBe(true);
    const { by, verdict } = decide(db, heads);
    expect(by).toBeNull();
    expect(verdict.problem).toEqual({ kind: 'edited', seq: 2 });
  });

  it('random bytes flipped anywhere in the file are never accepted without the full walk', async () => {
    const { db, heads } = await closedLog();
    const original = readFileSync(db);
    const headsBefore = heads.paths.map((path) => readFileSync(path));
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat({ max: original.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 3 }),
        (flips) => {
          const bytes = Buffer.from(original);
          for (const { at, xor } of flips) bytes[at]! ^= xor;
          // Two flips of one byte can cancel out: then the file is the original, and the shortcut is right.
          const unchanged = bytes.equals(original);
          writeFileSync(db, bytes);
          rmSync(`${db}-wal`, { force: true });
          rmSync(`${db}-shm`, { force: true });
          heads.paths.forEach((path, i) => writeFileSync(path, headsBefore[i]!));
          let by: string | null = null;
          try {
            by = decide(db, heads).by;
          } catch {
            by = null; // SQLite refuses the file outright: not accepted
          }
          if (!unchanged) expect(by).not.toBe('digest');
        },
      ),
      { numRuns: 60 },
    );
  });
});
