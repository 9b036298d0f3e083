// Issue 14's remaining defects, in-process: paging the audit log, an --as-of before the data,
// plan lists that say what they leave out, ~ in the wizard's folder question, polite answers
// without a log, a ready draft, and a plan whose source a flag contradicts.

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandHome } from '../../src/io/expand-home.js';
import type { Prompter } from '../../src/io/prompter.js';
import { main } from '../../src/main.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { scriptedPrompter } from '../helpers/scripted-prompter.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'meets-'));
const db = () => join(tmp(), 'audit.db');
const run = async (argv: string[], options: { prompter?: Prompter; tty?: boolean; env?: Record<string, string> } = {}) => {
  const term = fakeTerminal({ tty: options.tty ?? false, env: options.env });
  const code = await main(argv, term, { version: '1', prompter: options.prompter });
  return { code, out: term.output(), err: term.errors() };
};

describe('defect 4: audit list pages', () => {
  it('shows the latest runs, says how many more, and --limit / --all show them', async () => {
    const path = db();
    for (let i = 0; i < 4; i++) await run(['check', '--audit-db', path]);
    const page = await run(['audit', 'list', '--audit-db', path, '--limit', '3']);
    expect(page.code).toBe(0);
    expect(page.out.split('\n').filter((l) => l.startsWith('run-'))).toHaveLength(3);
    expect(page.err).toContain('Showing the latest 3 of 4 runs: 1 more. See them with --limit 4 or --all.');
    const all = await run(['audit', 'list', '--audit-db', path, '--all']);
    expect(all.out.split('\n').filter((l) => l.startsWith('run-'))).toHaveLength(4);
    expect(all.err).not.toContain('more');
    const json = JSON.parse((await run(['audit', 'list', '--audit-db', path, '--limit', '1', '--json'])).out);
    expect(json).toMatchObject({ total: 4, more: 3 });
    expect((await run(['audit', 'list', '--audit-db', path, '--limit', '0'])).code).toBe(2);
  });

  it('names the demo situation of each run', async () => {
    const path = db();
    await run(['check', '--audit-db', path, '--demo-scenario', 'waiting']);
    expect((await run(['audit', 'list', '--audit-db', path])).out).toContain('demo (demo: waiting)');
  });
});

describe('defect 5: an --as-of before the data', () => {
  it('is refused with why, not "-2515 days ago"', async () => {
    const { code, err, out } = await run(['check', '--as-of', '2020-01-01', '--audit-db', db()]);
    expect(code).toBe(2);
    expect(out).not.toMatch(/-\d+ days ago/);
    expect(err).toContain("--as-of 2020-01-01 is before the data's own records");
  });
});

describe('defect 6: plan says how many items it leaves out', () => {
  it('"… and N more" under a cut list, as check does', async () => {
    const { out } = await run(['plan', '--audit-db', db()]);
    expect(out).toMatch(/… and \d+ more/);
  });
});

describe('defect 8: ~ in the wizard\'s folder question', () => {
  it('expands to the home folder', async () => {
    const home = tmp();
    mkdirSync(join(home, 'amazon-reports'));
    expect(expandHome('~/amazon-reports', home)).toBe(join(home, 'amazon-reports'));
    expect(expandHome('~', home)).toBe(home);
    expect(expandHome('/abs/~/x', home)).toBe('/abs/~/x');
    const base = scriptedPrompter([
      { kind: 'confirm', match: 'can be closed now', answer: true },
      { kind: 'input', match: 'Which folder holds the reports', answer: '~/amazon-reports' },
      { kind: 'confirm', match: 'Check with the reports the folder has?', answer: false },
    ]);
    const { code } = await run(['--audit-db', db(), '--adapter', 'reports'], { prompter: base, tty: true, env: { HOME: home } });
    base.assertDone();
    expect(code).toBe(0);
  });
});

describe('defect 11: polite answers and the right next step', () => {
  it('audit list and audit verify without a log say so, exit 0', async () => {
    const path = join(tmp(), 'none.db');
    const list = await run(['audit', 'list', '--audit-db', path]);
    expect(list.code).toBe(0);
    expect(list.out).toContain('No audit log yet');
    const verify = await run(['audit', 'verify', '--audit-db', path]);
    expect(verify.code).toBe(0);
    expect(verify.out).toContain('nothing to verify');
  });

  it('a draft checked ready is told to submit, not to wait for ready', async () => {
    const path = db();
    await run(['check', '--audit-db', path, '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com']);
    const { out } = await run(['status', '--audit-db', path]);
    expect(out).toContain('checked ready and never submitted');
    expect(out).not.toContain('once the checks say ready');
  });
});

describe('defect 12: submit --plan and flags that contradict it', () => {
  it('--demo-scenario other than the plan\'s is refused, not ignored', async () => {
    const dir = tmp();
    const path = join(dir, 'audit.db');
    const plan = join(dir, 'plan.json');
    await run(['check', '--audit-db', path, '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com', '--out', plan]);
    const { code, err } = await run(['submit', '--audit-db', path, '--plan', plan, '--demo-scenario', 'blocked', '--confirm', 'A2DEMO5ELLER7Q']);
    expect(code).toBe(2);
    expect(err).toContain('--demo-scenario blocked differs from the closure-request file');
    const other = await run(['submit', '--audit-db', path, '--plan', plan, '--seller-id', 'A1B2C3D4E5F6G7', '--confirm', 'A2DEMO5ELLER7Q']);
    expect(other.code).toBe(2);
    expect(other.err).toContain('--seller-id A1B2C3D4E5F6G7 differs from the closure-request file');
    expect((await run(['submit', '--audit-db', path, '--plan', plan, '--demo-scenario', 'ready', '--confirm', 'A2DEMO5ELLER7Q'])).code).toBe(0);
  });
});

describe('layout: the wizard speaks in questions, one marketplace order, dates per language', () => {
  it('the blocked wizard names no flag; a declined confirmation is said in wizard terms', async () => {
    const prompter = scriptedPrompter([{ kind: 'confirm', match: 'can be closed now', answer: true }]);
    const { code, out, err } = await run(['--audit-db', db(), '--adapter', 'demo', '--demo-scenario', 'blocked'], { prompter, tty: true });
    expect(code).toBe(3);
    expect(`${out}${err}`).not.toMatch(/--attest|--json|--reason-text|--seller-id/);
    const declined = scriptedPrompter([
      { kind: 'confirm', match: 'can be closed now', answer: true },
      ...['downloaded', 'Bank account', 'Professional plan'].map((match) => ({ kind: 'confirm' as const, match, answer: false })),
    ]);
    const second = await run(['--audit-db', db(), '--adapter', 'demo', '--demo-scenario', 'ready'], { prompter: declined, tty: true });
    expect(second.code).toBe(3);
    expect(`${second.out}${second.err}`).not.toMatch(/--attest|--json/);
  });

  it('countries in one order in the check, the wizard and the request; the receipt dated in the language', async () => {
    const { out } = await run(['check', '--audit-db', db(), '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com']);
    expect(out).toContain('closes US, CA, MX together');
    expect(out).toContain('North America (US, CA, MX)');
    const ja = await run(['submit', '--lang', 'ja', '--audit-db', db(), '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', 'A2DEMO5ELLER7Q']);
    expect(ja.out).toMatch(/送信日時: \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} \(UTC\)/);
    expect(ja.out).toContain('close-account status --record closed');
    const en = await run(['submit', '--audit-db', db(), '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', 'A2DEMO5ELLER7Q']);
    expect(en.out).toMatch(/Submitted at: \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC/);
    expect(en.out).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });
});
