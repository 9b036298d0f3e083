// Outside attack, round z3: secrets a config file holds, whatever the adapter, never reach the
// audit log or any output (README "Guarantees": no secret written anywhere).

import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AuditLog } from '../../src/audit/audit-log.js';
import { GUARD_SQL } from '../../src/audit/migrations.js';
import { ChainHeadStore } from '../../src/audit/chain-head.js';
import { canonicalJson } from '../../src/audit/canonical-json.js';
import { GENESIS_HASH, recordHash } from '../../src/audit/record-chain.js';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';

const CLIENT_SECRET = 'cfgClientSecretQ7x81kz7734pp';
const REFRESH_TOKEN = 'Atzr|cfgRefreshTokenQ99xx88yy77';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets held by the config file', () => {
  it('with the demo adapter, a config secret pasted into --reason-text is scrubbed from the audit log and every output', async () => {
    const box = sandbox();
    const config = join(box.home, 'config.json');
    writeFileSync(config, JSON.stringify({ spApi: { clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN } }), { mode: 0o600 });
    const result = await runMain(
      ['check', '--config', config, '--demo-scenario', 'ready', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'other', '--reason-text', `left ${CLIENT_SECRET} and ${REFRESH_TOKEN}`, '--email', 'o@example.com', '--json'],
      box.env,
    );
    expect(result.stderr).not.toContain('Error:');
    for (const text of [result.stdout, result.stderr]) {
      expect(text).not.toContain(CLIENT_SECRET);
      expect(text).not.toContain('cfgRefreshToken');
    }
    const files = filesUnder(box.home).filter((path) => path !== config);
    expect(files.some((path) => path.endsWith('audit.db'))).toBe(true);
    for (const path of files) {
      const bytes = readFileSync(path).toString('latin1');
      expect(bytes, path).not.toContain(CLIENT_SECRET);
      expect(bytes, path).not.toContain('cfgRefreshToken');
    }
  });

  it('a config file that is not JSON is named with its line, without quoting its text (a secret in it is not yet known to the scrubber)', async () => {
    const box = sandbox();
    const config = join(box.home, 'config.json');
    writeFileSync(config, `{"spApi":{"clientSecret":${CLIENT_SECRET}}}`, { mode: 0o600 });
    const result = await runMain(['check', '--config', config], box.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not valid JSON');
    expect(result.stderr).not.toContain(CLIENT_SECRET.slice(0, 6));
    expect(result.stderr).not.toContain(CLIENT_SECRET.slice(-8));
  });
});

describe('a log reached through a symbolic link', () => {
  it('is the seller\'s alone too: the file the link points at (created by the first run) and its -wal and -shm are 0600', async () => {
    const box = sandbox();
    const real = join(box.home, 'elsewhere', 'audit.db');
    mkdirSync(dirname(real), { recursive: true });
    const link = join(box.home, 'link.db');
    symlinkSync(real, link);
    expect((await runMain(['check', '--audit-db', link], box.env)).code).toBe(3);
    for (const file of [real, ...[`${real}-wal`, `${real}-shm`].filter((f) => existsSync(f))]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    // A second run, with the log open: its -wal and -shm beside the target.
    const log = AuditLog.open(link);
    try {
      log.recordEvent(null, 'warning', { note: 'open' });
      for (const file of [real, `${real}-wal`, `${real}-shm`]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    } finally {
      log.close();
    }
  });
});

describe('a log whose schema number was changed by hand', () => {
  it.each([0, 1])('user_version set to %i: audit verify says the log is damaged (exit 3), check refuses it as broken (exit 2), never "check the folder is writable"', async (version) => {
    const box = sandbox();
    expect((await runMain(['check'], box.env)).code).toBe(3);
    const raw = new Database(box.db);
    raw.pragma(`user_version = ${version}`);
    raw.close();
    const verify = await runMain(['audit', 'verify'], box.env);
    expect(verify.code).toBe(3);
    expect(verify.stderr).toContain('user_version');
    expect(verify.stderr).not.toContain('writable');
    const check = await runMain(['check'], box.env);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('user_version');
    expect(check.stderr).not.toContain('writable');
  });
});

describe('an output file given as the audit log itself', () => {
  it('audit export --out AUDIT-DB (or its -wal) is refused (exit 2) and the log still verifies', async () => {
    const box = sandbox();
    expect((await runMain(['check'], box.env)).code).toBe(3);
    const before = readFileSync(box.db);
    const exported = await runMain(['audit', 'export', '--format', 'md', '--out', box.db], box.env);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain('SQLite database');
    expect(readFileSync(box.db).equals(before)).toBe(true);
    expect((await runMain(['audit', 'verify'], box.env)).code).toBe(0);
    // A write-ahead log, as SQLite writes it: refused too.
    const log = AuditLog.open(box.db);
    try {
      log.recordEvent(null, 'warning', { note: 'open' });
      expect((await runMain(['audit', 'export', '--format', 'md', '--out', `${box.db}-wal`], box.env)).code).toBe(2);
    } finally {
      log.close();
    }
    expect((await runMain(['audit', 'verify'], box.env)).code).toBe(0);
  });
});

describe('archive verify when the audit log does not verify', () => {
  it('names the log as the cause, not the archive\'s files (which are as they were): no "restore the files from a backup"', async () => {
    const box = sandbox();
    expect((await runMain(['check'], box.env)).code).toBe(3);
    expect((await runMain(['archive'], box.env)).code).toBe(0);
    expect((await runMain(['archive', 'verify'], box.env)).code).toBe(0);
    const raw = new Database(box.db);
    raw.exec('DROP TRIGGER records_no_update;');
    raw.prepare(`UPDATE records SET body = json_set(body, '$.tampered', 1) WHERE seq = 3`).run();
    raw.exec(`${GUARD_SQL.records_no_update};`);
    raw.close();
    const result = await runMain(['archive', 'verify'], box.env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`The audit log ${box.db} does not verify`);
    expect(result.stderr).not.toContain('Restore the named files');
  });
});

describe('a chain rewritten whole with the heads recomputed, a field its readers take given another kind', () => {
  /** Sets `field` of the first record of `type` to `value`, recomputes every hash and writes both heads. */
  function rewrite(db: string, heads: ChainHeadStore, type: string, field: string, value: unknown) {
    const raw = new Database(db);
    raw.exec('DROP TRIGGER records_no_update;');
    const rows = raw.prepare('SELECT * FROM records ORDER BY seq').all() as { seq: number; at: string; run_id: string | null; type: string; request_id: string | null; body: string }[];
    let prev = GENESIS_HASH;
    let done = false;
    for (const row of rows) {
      let body = row.body;
      if (!done && row.type === type) {
        body = canonicalJson({ ...(JSON.parse(body) as object), [field]: value });
        done = true;
      }
      const hash = recordHash(prev, { seq: row.seq, at: row.at, runId: row.run_id, type: row.type, requestId: row.request_id, body });
      raw.prepare('UPDATE records SET body = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(body, prev, hash, row.seq);
      prev = hash;
    }
    raw.exec(`${GUARD_SQL.records_no_update};`);
    raw.close();
    expect(done).toBe(true);
    heads.write({ seq: rows.at(-1)!.seq, hash: prev });
  }

  const cases: [string, string, unknown][] = [
    ['readiness', 'verdict', 'zz'],
    ['readiness', 'verdict', 123],
    ['run-finished', 'outcome', 'zz'],
    ['run-finished', 'outcome', null],
    ['request', 'marketplaces', 123],
    ['request', 'marketplaces', null],
    ['request', 'marketplaces', 'US'],
    ['request', 'marketplaces', [1]],
    ['request', 'marketplaces', undefined],
    ['request', 'region', 'atlantis'],
    ['request', 'region', undefined],
    ['request', 'reason', 'zz'],
    ['request', 'reason', null],
    ['request-status', 'state', 'zz'],
    ['request-status', 'reason', 123],
    ['request-status', 'matchedCheck', ['x']],
  ];
  it.each(cases)('%s.%s = %j: named by verify; audit list, show, export and status never call it a bug', async (type, field, value) => {
    const box = sandbox();
    expect((await runMain(['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', 'A2DEMO5ELLER7Q'], box.env)).code).toBe(0);
    expect((await runMain(['status', '--record', 'rejected', '--amazon-reason', 'open A-to-z claim'], box.env)).code).toBe(0);
    const heads = ChainHeadStore.forLog(box.db, box.env, process.platform, box.home);
    rewrite(box.db, heads, type, field, value);
    const verify = await runMain(['audit', 'verify'], box.env);
    expect(verify.code).toBe(3);
    const runId = (await runMain(['audit', 'list', '--json'], box.env)).stdout.match(/run-\d{8}T\d{6}-[0-9a-f]+/)?.[0] ?? 'run-x';
    for (const args of [['audit', 'list'], ['audit', 'show', runId], ['audit', 'export', '--format', 'md'], ['audit', 'export', '--format', 'csv'], ['status']]) {
      const result = await runMain(args, box.env);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).not.toBe(1);
      expect(result.stderr).not.toContain('This is a bug');
    }
  });
});
