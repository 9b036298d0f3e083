// Outside testing, round x-4: how close-account records and reports things, with inputs none of its
// authors wrote (a log lost or damaged before it opens, a portfolio account that failed beside a
// protected one, an accounts file named by the environment, Date Range reports with a gap between them).

import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { auditListJsonSchema, auditVerifyJsonSchema } from '../../src/render/audit-json-schema.js';
import { errorJsonSchema } from '../../src/render/json-schema.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { dateRangeLines, readySellerReports, writeReport } from '../helpers/report-fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'ca-attack-x4-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

let n = 0;
function place() {
  const dir = join(home, `case-${++n}`);
  mkdirSync(dir, { recursive: true }); // a home that exists: the chain head is kept in its state folder too
  return { dir, env: { HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config'), COLUMNS: '200' } as Record<string, string>, db: join(dir, 'audit.db') };
}
async function run(env: Record<string, string>, argv: string[]) {
  const term = fakeTerminal({ env });
  const code = await main(argv, term, { version: '1' });
  return { code, out: term.output(), err: term.errors() };
}

describe('a log lost (deleted) since its last run: what each reader says', () => {
  it('never sends the seller to `audit export` "that still reads it" (it refuses too); only what appends says nothing is added', async () => {
    const { env, db } = place();
    expect((await run(env, ['check', '--audit-db', db])).code).toBe(3);
    unlinkSync(db);
    const exported = await run(env, ['audit', 'export', '--json', '--audit-db', db]);
    expect(exported.code).toBe(2);
    expect(errorJsonSchema.parse(JSON.parse(exported.out)).error.code).toBe('audit-lost');
    for (const argv of [['audit', 'list'], ['audit', 'export'], ['audit', 'verify'], ['status'], ['check']]) {
      const result = await run(env, [...argv, '--audit-db', db]);
      expect(result.code, argv.join(' ')).not.toBe(0);
      expect(result.err, argv.join(' ')).not.toContain('still reads it');
      expect(result.err, argv.join(' ')).toContain(`${db}.head`);
    }
    expect((await run(env, ['audit', 'list', '--audit-db', db])).err).not.toContain('nothing is added');
    expect((await run(env, ['check', '--audit-db', db])).err).toContain('nothing is added');
  });
});

describe('a log file SQLite cannot open (its first bytes overwritten)', () => {
  function damage(db: string) {
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.from('not a database at all'), 0, 21, 0);
    closeSync(fd);
  }

  it('verify --json and list --json print their own documents (not intact, damaged); show, export and status say audit-damaged; no hint says export still reads it', async () => {
    const { env, db } = place();
    expect((await run(env, ['check', '--audit-db', db])).code).toBe(3);
    const [runId] = /run-\d{8}T\d{6}-[0-9a-f]{6}/.exec((await run(env, ['audit', 'list', '--audit-db', db])).out)!;
    damage(db);
    const verified = await run(env, ['audit', 'verify', '--json', '--audit-db', db]);
    expect(verified.code).toBe(3);
    expect(auditVerifyJsonSchema.parse(JSON.parse(verified.out))).toMatchObject({ exists: true, intact: false, problem: { kind: 'damaged' } });
    const listed = await run(env, ['audit', 'list', '--json', '--audit-db', db]);
    expect(listed.code).toBe(2);
    expect(auditListJsonSchema.parse(JSON.parse(listed.out))).toMatchObject({ runs: [], chain: { intact: false, problem: { kind: 'damaged' } } });
    for (const argv of [['audit', 'show', runId!], ['audit', 'export'], ['status']]) {
      const result = await run(env, [...argv, '--json', '--audit-db', db]);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(errorJsonSchema.parse(JSON.parse(result.out)).error.code, argv.join(' ')).toBe('audit-damaged');
      expect(result.err, argv.join(' ')).not.toContain('still reads it');
    }
  });
});

describe('portfolio plan: an account to close whose source failed, beside a protected one and one planned', () => {
  it('says no last closure date (text, --json lastCloseOn null, the page), not the planned one\'s as if it were the last', async () => {
    const { dir, env, db } = place();
    const accounts = join(dir, 'accounts.yaml');
    writeFileSync(
      accounts,
      `version: 1
accounts:
  - { name: Kept, sellerId: A1KEPTSHOP001, region: north-america, protected: true, source: { kind: demo, scenario: blocked } }
  - { name: Soon, sellerId: A1SOONSHOP001, region: japan, source: { kind: demo, scenario: waiting } }
  - { name: Unread, sellerId: A1UNREADSHOP1, region: europe, source: { kind: reports, folder: not-there } }
`,
    );
    const html = join(dir, 'overview.html');
    const common = ['portfolio', 'plan', '--accounts', accounts, '--audit-db', db, '--as-of', '2026-11-26'];
    const text = await run(env, [...common, '--html', html]);
    expect(text.code).toBe(4);
    const heading = text.out.split('\n')[0]!;
    expect(heading).not.toMatch(/\d{4}-\d{2}-\d{2}: the last account can close/);
    expect(heading).toContain('1 account to close could not be checked');
    expect(readFileSync(html, 'utf8')).toContain('1 account to close could not be checked');
    const json = await run(env, [...common, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ lastCloseOn: null });
  });
});

describe('the guard: a protected account in the default accounts file stays guarded when another file is named', () => {
  const SELLER = 'A2DEMO5ELLER7Q';
  function withDefaultGuard() {
    const p = place();
    mkdirSync(join(p.dir, 'config', 'close-account'), { recursive: true });
    writeFileSync(join(p.dir, 'config', 'close-account', 'accounts.yaml'), `version: 1\naccounts:\n  - { name: Kept, sellerId: ${SELLER}, region: north-america, protected: true, source: { kind: demo } }\n`);
    const other = join(p.dir, 'other.yaml');
    writeFileSync(other, 'version: 1\naccounts:\n  - { name: Other, sellerId: A9OTHERSHOP01, region: europe, source: { kind: demo } }\n');
    return { ...p, other };
  }

  it('submit with CLOSE_ACCOUNT_ACCOUNTS naming another file refuses (as with --accounts): nothing submitted', async () => {
    const { env, db, other } = withDefaultGuard();
    const submit = ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', SELLER, '--audit-db', db];
    for (const given of [{ env: { ...env, CLOSE_ACCOUNT_ACCOUNTS: other }, argv: submit }, { env, argv: [...submit, '--accounts', other] }]) {
      const result = await run(given.env, given.argv);
      expect(result.code, result.err).toBe(2);
      expect(result.err).toContain('is protected in the accounts file');
    }
    const { AuditLog } = await import('../../src/audit/audit-log.js');
    const audit = AuditLog.open(db);
    try {
      expect([...audit.allRecords()].filter((r) => r.type === 'submission')).toEqual([]);
    } finally {
      audit.close();
    }
  });

  it('fix listings --apply --accounts OTHER (or CLOSE_ACCOUNT_ACCOUNTS) refuses: nothing deleted', async () => {
    const { env, db, other } = withDefaultGuard();
    const { NO_FAULTS, startFakeSpApi } = await import('../helpers/fake-sp-api.js');
    const fake = await startFakeSpApi('blocked', NO_FAULTS);
    try {
      const apply = ['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER, '--audit-db', db];
      for (const given of [{ env: { ...env, ...fake.env }, argv: [...apply, '--accounts', other] }, { env: { ...env, ...fake.env, CLOSE_ACCOUNT_ACCOUNTS: other }, argv: apply }]) {
        const result = await run(given.env, given.argv);
        expect(result.code, result.err).toBe(2);
        expect(result.err).toContain('is protected');
      }
      expect(fake.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

describe('Date Range reports in several files with a gap between them', () => {
  const sale = (day: string, id: string) => ({ 'date/time': `${day} 09:15:02 GMT+00:00`, 'settlement id': '11838016471', type: 'Order', 'order id': id, description: 'Linen napkins', total: '7.40' });
  const ads = (day: string) => ({ 'date/time': `${day} 03:00:00 GMT+00:00`, 'settlement id': '11838016471', type: 'Service Fee', description: 'Cost of Advertising', total: '-87.50' });

  async function hiddenCharges(files: Record<string, Record<string, string>[]>) {
    const { dir, env, db } = place();
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    readySellerReports(reports);
    for (const [name, rows] of Object.entries(files)) writeReport(reports, name, dateRangeLines(rows));
    const result = await run(env, ['check', '--adapter', 'reports', '--reports-dir', reports, '--as-of', '2026-11-26', '--attest', 'all', '--audit-db', db, '--json']);
    return JSON.parse(result.out).checks.find((c: { id: string }) => c.id === 'hidden-charges') as { status: string; summary: string };
  }

  it('does not pass on days no file spans (an ads charge there would not show); the same rows in one file, or files that meet, pass', async () => {
    const early = [sale('1 Sep 2026', '111-0000001-0000001'), sale('5 Sep 2026', '111-0000001-0000002')];
    const late = [sale('20 Nov 2026', '111-0000001-0000003'), sale('25 Nov 2026', '111-0000001-0000004')];
    const gap = await hiddenCharges({ 'early.csv': early, 'late.csv': late });
    expect(gap.status).not.toBe('pass');
    expect(gap.summary).toContain('2026-11-19');
    // The charge the gap could hide is seen when a file spans it.
    expect((await hiddenCharges({ 'early.csv': early, 'late.csv': late, 'middle.csv': [ads('15 Oct 2026')] })).status).not.toBe('pass');
    expect((await hiddenCharges({ 'all.csv': [...early, ...late] })).status).toBe('pass');
    expect((await hiddenCharges({ 'a.csv': [...early, sale('19 Nov 2026', '111-0000001-0000005')], 'b.csv': late })).status).toBe('pass');
  });
});

describe('a gzipped Date Range report cut off in its rows', () => {
  it('names the line it stopped at and the CSV to download again, not "a tab-delimited text file"', async () => {
    const { dir, env, db } = place();
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    readySellerReports(reports);
    // Rows that do not compress away, so that the cut falls well after the header.
    const rows = Array.from({ length: 3000 }, (_, i) => ({ 'date/time': '1 Sep 2026 09:15:02 GMT+00:00', 'settlement id': '11838016471', type: 'Order', 'order id': `111-1111111-${String(i).padStart(7, '0')}`, description: `Linen ${createHash('sha256').update(String(i)).digest('hex')}`, total: '7.40' }));
    const whole = gzipSync(`${dateRangeLines(rows).join('\n')}\n`);
    writeFileSync(join(reports, 'transactions.csv'), whole.subarray(0, Math.floor((whole.length * 2) / 3)));
    const result = await run(env, ['check', '--adapter', 'reports', '--reports-dir', reports, '--as-of', '2026-11-26', '--attest', 'all', '--audit-db', db]);
    expect(result.code).toBe(2);
    const line = Number(/transactions\.csv is a damaged or truncated gzip file \(around line (\d+)\)/.exec(result.err)?.[1]);
    expect(line).toBeGreaterThan(1000);
    expect(result.err).toContain('Date Range Reports');
    expect(result.err).not.toContain('tab-delimited');
  });
});

describe('a UTF-16 report cut within its first characters (found by the transformations property)', () => {
  it.each([['UTF-16BE', '\u0000s'], ['UTF-16LE', 's\u0000'], ['UTF-16BE, a byte more', '\u0000s\u0000']])('%s: its checks cannot pass beside it, as for the same cut in UTF-8', async (_, bytes) => {
    const { dir, env, db } = place();
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    readySellerReports(reports);
    writeFileSync(join(reports, 'settlement.txt'), Buffer.from(bytes, 'latin1'));
    const result = await run(env, ['check', '--adapter', 'reports', '--reports-dir', reports, '--as-of', '2026-11-26', '--attest', 'all', '--audit-db', db, '--json']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.out).checks.find((c: { id: string }) => c.id === 'balance').status).toBe('unknown');
  });
});

describe('a folder where the log was (its head kept outside says it held records)', () => {
  it('is a lost log: verify --json says not intact (exit 3), list --json its own document, export audit-lost; never "cannot use" as if no log had been there', async () => {
    const { env, db } = place();
    expect((await run(env, ['check', '--audit-db', db])).code).toBe(3);
    unlinkSync(db);
    mkdirSync(db);
    const verified = await run(env, ['audit', 'verify', '--json', '--audit-db', db]);
    expect(verified.code).toBe(3);
    expect(auditVerifyJsonSchema.parse(JSON.parse(verified.out))).toMatchObject({ intact: false, problem: { kind: 'truncated' } });
    const listed = await run(env, ['audit', 'list', '--json', '--audit-db', db]);
    expect(listed.code).toBe(2);
    expect(auditListJsonSchema.parse(JSON.parse(listed.out))).toMatchObject({ chain: { intact: false, problem: { kind: 'truncated' } } });
    const exported = await run(env, ['audit', 'export', '--json', '--audit-db', db]);
    expect(errorJsonSchema.parse(JSON.parse(exported.out)).error).toMatchObject({ code: 'audit-lost', exitCode: 2 });
  });
});

describe('portfolio check: the region map names a protected account as protected', () => {
  it('its closure-request line marks it [protected], as the table does, never as one plainly to submit', async () => {
    const { dir, env, db } = place();
    const accounts = join(dir, 'accounts.yaml');
    writeFileSync(accounts, 'version: 1\naccounts:\n  - { name: Kept shop, sellerId: A1KEPTSHOP001, region: north-america, protected: true, source: { kind: demo, scenario: ready } }\n  - { name: Going shop, sellerId: A1GOINGSHOP01, region: japan, source: { kind: demo, scenario: ready } }\n');
    const result = await run(env, ['portfolio', 'check', '--accounts', accounts, '--audit-db', db, '--as-of', '2026-11-26']);
    const map = result.out.slice(result.out.indexOf('Closure requests by seller and region'));
    expect(map).toMatch(/North America: one request closes .*\(Kept shop \[sample\] \[protected\]\)/);
    expect(map).toMatch(/Japan: one request closes .*\(Going shop \[sample\]\)/);
  });
});
