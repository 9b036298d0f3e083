// What a new user met following the README (outside testing, round y-3): the sample seller shown as
// if real in the portfolio table, its archive, and Amazon's "answers" to a simulated submission;
// and a closed request whose hint sends the seller to a withdrawal that `status` refuses.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { auditListJsonSchema, auditVerifyJsonSchema, dossierJsonSchema } from '../../src/render/audit-json-schema.js';
import { errorJsonSchema } from '../../src/render/json-schema.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { readySellerReports } from '../helpers/report-fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'ca-attack-y3-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

let n = 0;
function place() {
  const dir = join(home, `case-${++n}`);
  return { dir, env: { HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_STATE_HOME: join(dir, 'state'), COLUMNS: '200' }, db: join(dir, 'audit.db') };
}
async function run(env: Record<string, string>, argv: string[]) {
  const term = fakeTerminal({ env });
  const code = await main(argv, term, { version: '1' });
  return { code, out: term.output(), err: term.errors() };
}
const SUBMIT = ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', 'A2DEMO5ELLER7Q'];

describe('the sample seller is never shown as a real account', () => {
  it('portfolio check marks a sample account [sample] in its table row, as the README says ("wherever an account is named")', async () => {
    const { dir, env, db } = place();
    const accounts = join(home, `accounts-${n}.yaml`);
    writeFileSync(
      accounts,
      `version: 1
accounts:
  - { name: Shop one, sellerId: A1SHOPONE0001, region: north-america, source: { kind: demo, scenario: blocked } }
  - { name: Shop two, sellerId: A1SHOPTWO0001, region: japan, protected: true, source: { kind: demo, scenario: ready } }
`,
    );
    const { code, out, err } = await run(env, ['portfolio', 'check', '--accounts', accounts, '--audit-db', db]);
    expect(code, err).toBe(3);
    const rows = out.split('\n');
    expect(rows.find((l) => l.startsWith('Shop one'))).toContain('Shop one [sample]');
    expect(rows.find((l) => l.startsWith('Shop two'))).toContain('Shop two [sample] [protected]');
    expect(dir).toBeTruthy();
  });

  it('portfolio check marks it in the region map and in the progress lines on a terminal too', async () => {
    const { env, db } = place();
    const accounts = join(home, `accounts-${n}.yaml`);
    writeFileSync(accounts, `version: 1
accounts:
  - { name: Shop one, sellerId: A1SHOPONE0001, region: north-america, source: { kind: demo, scenario: blocked } }
`);
    const term = fakeTerminal({ env, tty: true });
    const code = await main(['portfolio', 'check', '--accounts', accounts, '--audit-db', db], term, { version: '1' });
    expect(code, term.errors()).toBe(3);
    expect(term.output()).toContain('(Shop one [sample])');
    expect(term.errors()).toContain('Shop one [sample]');
  });

  it('archive of the demo seller says it is sample data (text, archive verify, the index page)', async () => {
    const { dir, env, db } = place();
    const out = join(dir, 'arch');
    const made = await run(env, ['archive', '--audit-db', db, '--out', out]);
    expect(made.code, made.err).toBe(0);
    expect(made.out + made.err).toContain('DEMO DATA');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('DEMO DATA');
    const verified = await run(env, ['archive', 'verify', out, '--audit-db', db]);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out + verified.err).toContain('DEMO DATA');
  });

  it("status --record closed on a simulated (demo) submission never says Amazon closed the account", async () => {
    const { env, db } = place();
    expect((await run(env, [...SUBMIT, '--audit-db', db])).code).toBe(0);
    const recorded = await run(env, ['status', '--record', 'closed', '--audit-db', db]);
    expect(recorded.code, recorded.err).toBe(0);
    expect(recorded.out).not.toContain('Amazon closed the account');
    expect(recorded.out).toContain('nothing reached Amazon');
    const shown = await run(env, ['status', '--audit-db', db]);
    expect(shown.out).not.toContain('Amazon closed the account');
    expect(shown.out).toContain('nothing reached Amazon');
  });
});

describe('plan --ics of the demo seller', () => {
  it('marks every calendar event as sample data; a real seller\'s calendar is not marked', async () => {
    const { dir, env, db } = place();
    mkdirSync(dir, { recursive: true });
    const ics = join(dir, 'demo.ics');
    expect((await run(env, ['plan', '--audit-db', db, '--ics', ics])).code).toBe(0);
    const events = readFileSync(ics, 'utf8').replace(/\r\n /g, '').split('BEGIN:VEVENT').slice(1);
    expect(events.length).toBeGreaterThan(1);
    for (const e of events) {
      expect(/SUMMARY:\[sample\]/.test(e), e).toBe(true);
      expect(e).toContain('DEMO DATA');
    }
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    readySellerReports(reports);
    const real = join(dir, 'real.ics');
    expect((await run(env, ['plan', '--adapter', 'reports', '--reports-dir', reports, '--audit-db', db, '--ics', real])).code).toBe(0);
    const text = readFileSync(real, 'utf8');
    expect(text).not.toContain('[sample]');
    expect(text).not.toContain('DEMO DATA');
  });
});

describe('archive --out naming a file', () => {
  it('is an input error that says so (not "free some disk space"), and the file is left as it was', async () => {
    const { dir, env, db } = place();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'mine\n');
    const made = await run(env, ['archive', '--audit-db', db, '--out', file]);
    expect(made.code).toBe(2);
    expect(made.err).toContain('is a file, not a folder');
    expect(made.err).not.toContain('disk space');
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });
});

describe('the dossier of the sample seller says so', () => {
  it('audit export (md, html, json) of a demo submission is marked as sample data; a real seller\'s is not', async () => {
    const { dir, env, db } = place();
    expect((await run(env, [...SUBMIT, '--audit-db', db])).code).toBe(0);
    const md = await run(env, ['audit', 'export', '--format', 'md', '--audit-db', db]);
    expect(md.code, md.err).toBe(0);
    expect(md.out).toContain('DEMO DATA');
    expect((await run(env, ['audit', 'export', '--format', 'html', '--audit-db', db])).out).toContain('DEMO DATA');
    expect(dossierJsonSchema.parse(JSON.parse((await run(env, ['audit', 'export', '--json', '--audit-db', db])).out)).demo).toBe(true);
    const reports = join(dir, 'reports');
    mkdirSync(reports, { recursive: true });
    readySellerReports(reports);
    const realDb = join(dir, 'real.db');
    const checked = await run(env, ['check', '--adapter', 'reports', '--reports-dir', reports, '--audit-db', realDb]);
    expect(checked.code, checked.err).not.toBe(1);
    const real = await run(env, ['audit', 'export', '--format', 'md', '--audit-db', realDb]);
    expect(real.code, real.err).toBe(0);
    expect(real.out).not.toContain('DEMO DATA');
    expect(dossierJsonSchema.parse(JSON.parse((await run(env, ['audit', 'export', '--json', '--audit-db', realDb])).out)).demo).toBe(false);
  });
});

/** A port on 127.0.0.1 with nothing listening (taken, then let go). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('status', () => {
  it('with no request recorded, --record says so (not "No closure request  in the audit log")', async () => {
    const { env, db } = place();
    expect((await run(env, ['check', '--audit-db', db])).code).toBe(3);
    const recorded = await run(env, ['status', '--record', 'withdrawn', '--audit-db', db]);
    expect(recorded.code).toBe(2);
    expect(recorded.err).toContain('No closure request recorded yet');
  });

  it('withdrawing a request whose submission started and never finished does not say "nothing will happen"', async () => {
    const { env, db } = place();
    const hook = `http://127.0.0.1:${await closedPort()}/hook`;
    const all = { ...env, CLOSE_ACCOUNT_TEST_NO_WAIT: '1', CLOSE_ACCOUNT_WEBHOOK_SECRET: 'y3-webhook-secret-value' };
    const sent = await run(all, [...SUBMIT, '--audit-db', db, '--submitter', 'webhook', '--webhook-url', hook]);
    expect(sent.code, sent.err).toBe(4);
    const withdrawn = await run(env, ['status', '--record', 'withdrawn', '--audit-db', db]);
    expect(withdrawn.code, withdrawn.err).toBe(0);
    expect(withdrawn.out).not.toContain('nothing will happen');
    expect(withdrawn.out).toContain('may have reached Amazon');
  });
});

describe('portfolio check --dry-run --notify-webhook', () => {
  it('is refused before anything is checked or sent (a dry run sends nothing)', async () => {
    const { env, db } = place();
    const accounts = join(home, `accounts-${n}.yaml`);
    writeFileSync(accounts, 'version: 1\naccounts:\n  - { name: Shop one, sellerId: A1SHOPONE0001, region: north-america, source: { kind: demo, scenario: blocked } }\n');
    const hook = `http://127.0.0.1:${await closedPort()}/hook`;
    const all = { ...env, CLOSE_ACCOUNT_TEST_NO_WAIT: '1', CLOSE_ACCOUNT_WEBHOOK_SECRET: 'y3-webhook-secret-value' };
    const result = await run(all, ['portfolio', 'check', '--accounts', accounts, '--audit-db', db, '--dry-run', '--notify-webhook', hook]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--dry-run sends nothing');
    expect(result.err).not.toContain('attempts');
  });
});

describe('audit verify --json on a log deleted since its last run', () => {
  it('prints its own document (exists false, intact false, the problem), once, exit 3', async () => {
    const { dir, env, db } = place();
    mkdirSync(dir, { recursive: true }); // a home that exists: the chain head is kept in its state folder too
    expect((await run(env, ['check', '--audit-db', db])).code).toBe(3);
    unlinkSync(db);
    rmSync(`${db}.head`, { force: true });
    const verified = await run(env, ['audit', 'verify', '--json', '--audit-db', db]);
    expect(verified.code).toBe(3);
    const doc = auditVerifyJsonSchema.parse(JSON.parse(verified.out));
    expect(doc).toMatchObject({ exists: false, intact: false, problem: { kind: 'truncated' } });
  });
});

describe('audit list --json and audit show --json on a log deleted since its last run, or never made', () => {
  it('list prints its own document (exists false, chain not intact, the problem), once; show an error of its own kind (audit-lost); exit 2 as before', async () => {
    const { dir, env, db } = place();
    mkdirSync(dir, { recursive: true });
    expect((await run(env, ['check', '--audit-db', db])).code).toBe(3);
    const [runId] = /run-\d{8}T\d{6}-[0-9a-f]{6}/.exec((await run(env, ['audit', 'list', '--audit-db', db])).out)!;
    unlinkSync(db);
    rmSync(`${db}.head`, { force: true });
    const listed = await run(env, ['audit', 'list', '--json', '--audit-db', db]);
    expect(listed.code).toBe(2);
    const list = auditListJsonSchema.parse(JSON.parse(listed.out));
    expect(list).toMatchObject({ runs: [], total: 0, audit: { database: db, exists: false }, chain: { intact: false, problem: { kind: 'truncated' } } });
    expect(listed.err).toContain('does not verify');
    const shown = await run(env, ['audit', 'show', runId!, '--json', '--audit-db', db]);
    expect(shown.code).toBe(2);
    expect(errorJsonSchema.parse(JSON.parse(shown.out)).error).toMatchObject({ code: 'audit-lost', exitCode: 2 });
  });

  it('show on a log that was never made: an error of its own kind (audit-missing), not a generic usage error', async () => {
    const { env, db } = place();
    const shown = await run(env, ['audit', 'show', 'run-20261203T142308-1e90c2', '--json', '--audit-db', db]);
    expect(shown.code).toBe(2);
    expect(errorJsonSchema.parse(JSON.parse(shown.out)).error).toMatchObject({ code: 'audit-missing', exitCode: 2 });
  });
});

describe('submit on a terminal', () => {
  it('does not say it needs flags "when it cannot ask": it never asks, even on a terminal', async () => {
    const { env, db } = place();
    const term = fakeTerminal({ env, tty: true });
    const code = await main(['submit', '--demo-scenario', 'ready', '--attest', 'all', '--audit-db', db], term, { version: '1' });
    expect(code).toBe(2);
    expect(term.errors()).not.toContain('when it cannot ask');
    expect(term.errors()).toContain('submit asks no questions');
  });
});

describe('a request recorded closed', () => {
  it('a second request is refused without the advice to withdraw the closed one (status refuses that)', async () => {
    const { env, db } = place();
    expect((await run(env, [...SUBMIT, '--audit-db', db])).code).toBe(0);
    expect((await run(env, ['status', '--record', 'closed', '--audit-db', db])).code).toBe(0);
    const again = await run(env, [...SUBMIT.map((a) => (a === 'o@example.com' ? 'other@example.com' : a)), '--audit-db', db]);
    expect(again.code).toBe(2);
    expect(again.err).not.toContain('--record withdrawn');
    // The advice given is one that works: a withdrawal of a closed request is refused.
    const withdraw = await run(env, ['status', '--record', 'withdrawn', '--audit-db', db]);
    expect(withdraw.code).toBe(2);
  });
});
