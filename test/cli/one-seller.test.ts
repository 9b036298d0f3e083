// Issue 14's defects, in-process: the request is for the data's seller or nothing is submitted
// (wizard, flags, plan alike); one live request per seller and region; each check result recorded
// as it is known; --json errors as one document; unknown commands named with the nearest.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import type { Prompter } from '../../src/io/prompter.js';
import { main } from '../../src/main.js';
import { readAudit } from '../helpers/audit.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { scriptedPrompter, type Answer } from '../helpers/scripted-prompter.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'one-seller-'));
const db = () => join(tmp(), 'audit.db');
const run = async (argv: string[], options: { prompter?: Prompter; tty?: boolean } = {}) => {
  const term = fakeTerminal({ tty: options.tty ?? false });
  const code = await main(argv, term, { version: '1', prompter: options.prompter });
  return { code, out: term.output(), err: term.errors() };
};
const READY = ['--demo-scenario', 'ready', '--attest', 'all'];
const submitFlags = (email: string) => ['submit', ...READY, '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', email, '--confirm', 'A2DEMO5ELLER7Q'];

const readyWizard = (sellerId: string): Answer[] => [
  { kind: 'confirm', match: 'can be closed now', answer: true },
  { kind: 'input', match: 'seller ID (merchant token)', answer: sellerId },
  { kind: 'select', match: 'Why are you closing the account', answer: 'stopped-selling' },
  { kind: 'input', match: 'Anything to add', answer: '' },
  { kind: 'input', match: 'email address', answer: 'owner@example.com' },
  { kind: 'input', match: 'phone', answer: '' },
  { kind: 'input', match: 'Type your seller ID', answer: 'A2DEMO5ELLER7Q' },
];

describe('defect 1: a request only for the seller the data belongs to', () => {
  it('the wizard refuses another seller ID at the question, and names the data\'s seller', async () => {
    const path = db();
    const base = scriptedPrompter(readyWizard('A2DEMO5ELLER7Q'));
    const verdicts: (string | true)[] = [];
    const prompter: Prompter = {
      ...base,
      input: async (o) => {
        if (o.message.includes('seller ID (merchant token)')) verdicts.push(o.validate!('A1B2C3D4E5F6G7'), o.validate!(' a2demo5eller7q '));
        return base.input(o);
      },
    };
    const { code } = await run(['--audit-db', path, '--adapter', 'demo', ...READY], { prompter, tty: true });
    base.assertDone();
    expect(code).toBe(0);
    expect(verdicts[0]).toContain('A1B2C3D4E5F6G7 is not the seller whose data was checked (A2DEMO5ELLER7Q)');
    expect(verdicts[1]).toBe(true);
    expect(readAudit(path).requests.map((h) => h.request.sellerId)).toEqual(['A2DEMO5ELLER7Q']);
  });

  it('a --seller-id for another seller is refused by the wizard too: nothing is submitted', async () => {
    const path = db();
    const prompter = scriptedPrompter([{ kind: 'confirm', match: 'can be closed now', answer: true }, { kind: 'input', match: 'seller ID (merchant token)', answer: 'A1B2C3D4E5F6G7' }]);
    const { code, err } = await run(['--audit-db', path, '--adapter', 'demo', ...READY, '--seller-id', 'A1B2C3D4E5F6G7'], { prompter, tty: true });
    // The scripted prompter fails the run when the question refuses its answer: that refusal is the point.
    expect(code).not.toBe(0);
    expect(err).toContain('A1B2C3D4E5F6G7 is not the seller whose data was checked');
    expect(readAudit(path).submissions).toBe(0);
  });

  it('a saved plan edited to name another seller is refused, exit 2, nothing submitted', async () => {
    const dir = tmp();
    const path = join(dir, 'audit.db');
    const plan = join(dir, 'plan.json');
    const made = await run(['check', '--audit-db', path, ...READY, '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com', '--out', plan]);
    expect(made.code).toBe(0);
    writeFileSync(plan, readFileSync(plan, 'utf8').replaceAll('A2DEMO5ELLER7Q', 'A1B2C3D4E5F6G7'));
    const { code, err } = await run(['submit', '--audit-db', path, '--plan', plan, '--confirm', 'A1B2C3D4E5F6G7']);
    expect(code).toBe(2);
    expect(err).toContain('Nothing was submitted');
    expect(readAudit(path).submissions).toBe(0);
  });
});

describe('defect 2: one live request per seller and region', () => {
  it('a second request (another email) is refused until the first is withdrawn', async () => {
    const path = db();
    expect((await run(['--audit-db', path, ...submitFlags('a@example.com')])).code).toBe(0);
    const second = await run(['--audit-db', path, ...submitFlags('b@example.com')]);
    expect(second.code).toBe(2);
    expect(second.err).toMatch(/Request CR-[0-9A-F]+ for this seller in North America is already submitted/);
    expect(second.err).toContain('close-account status --record withdrawn --request CR-');
    expect(readAudit(path).submissions).toBe(1);

    const first = readAudit(path).requests.find((h) => h.submission)!.request.id;
    expect((await run(['status', '--audit-db', path, '--record', 'withdrawn', '--request', first])).code).toBe(0);
    expect((await run(['--audit-db', path, ...submitFlags('b@example.com')])).code).toBe(0);
    expect(readAudit(path).submissions).toBe(2);
  });

  it('the same request again is not a second one: it says it was already submitted', async () => {
    const path = db();
    await run(['--audit-db', path, ...submitFlags('a@example.com')]);
    const again = await run(['--audit-db', path, ...submitFlags('a@example.com')]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('was already submitted');
  });
});

describe('defect 3: each check result is recorded when it is known', () => {
  it('Ctrl-C at the first confirmation keeps every check result, and says so', async () => {
    const path = db();
    const prompter: Prompter = {
      ...scriptedPrompter([]),
      confirm: async (o) => {
        if (o.message.includes('can be closed now')) return true;
        throw new InterruptedError();
      },
    };
    const { code, err } = await run(['--audit-db', path, '--adapter', 'demo', '--demo-scenario', 'ready'], { prompter, tty: true });
    expect(code).toBe(130);
    const audit = readAudit(path);
    expect(audit.types.filter((t) => t === 'check-result')).toHaveLength(14);
    expect(audit.types).not.toContain('readiness');
    // Defect 10: what was kept, and that nothing was submitted.
    expect(err).toContain('Nothing was submitted');
    expect(err).toMatch(/the check results known.*close-account audit show run-/s);
    // And `audit show` shows them, though the run never reached its verdict.
    const runId = /close-account audit show (run-[\w-]+)/.exec(err)![1]!;
    const shown = await run(['audit', 'show', runId, '--audit-db', path]);
    expect(shown.out).toContain('Recorded as each check finished');
    expect(shown.out).toContain('No open orders');
  });
});

describe('defect 7: every --json command prints exactly one document, errors included', () => {
  it.each([
    [['check', '--json', '--as-of', '2027-13-01'], 2, 'usage'],
    [['chek', '--json'], 2, 'usage'],
    [['check', '--json', '--frobnicate'], 2, 'usage'],
    [['check', '--json', '--adapter', 'nope'], 2, 'usage'],
    [['audit', 'show', 'run-x', '--json'], 2, 'audit-missing'],
  ])('%j: one error document, exit %i', async (argv, exitCode, code) => {
    const result = await run([...argv, '--audit-db', db()]);
    expect(result.code).toBe(exitCode);
    const doc = JSON.parse(result.out) as { schemaVersion: number; error: { code: string; message: string; exitCode: number } };
    expect(doc).toMatchObject({ schemaVersion: 1, error: { code, exitCode } });
    expect(doc.error.message.length).toBeGreaterThan(5);
  });

  it('Ctrl-C during check --json: the one document is the error', async () => {
    const { startCli } = await import('../helpers/cli-async.js');
    const { sandbox } = await import('../helpers/cli-process.js');
    const { env } = sandbox();
    const child = startCli(['check', '--json'], { ...env, CLOSE_ACCOUNT_FAILPOINT: 'during-checks' });
    await child.waitForStderr('failpoint reached: during-checks');
    child.child.kill('SIGINT');
    expect(await child.exit()).toBe(130);
    expect(JSON.parse(child.stdout())).toMatchObject({ schemaVersion: 1, error: { code: 'interrupted', exitCode: 130 } });
  });

  it('submit --json when blocked: one document (the readiness), and a hint that points at it', async () => {
    const result = await run(['submit', '--json', '--audit-db', db(), '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', 'A2DEMO5ELLER7Q']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.out)).toMatchObject({ verdict: 'blocked' });
    expect(result.err).not.toContain('shown above');
    expect(result.err).toContain('JSON document');
  });
});

describe('defect 9: an unknown command says so and suggests the nearest', () => {
  it.each([
    [['chek'], 'close-account check'],
    [['sbumit', '--dry-run'], 'close-account submit'],
    [['--lang', 'en', 'stauts'], 'close-account status'],
    [['audit', 'lst'], 'close-account audit list'],
  ])('%j → exit 2, "%s"', async (argv, nearest) => {
    const { code, err, out } = await run(argv);
    expect(code).toBe(2);
    expect(err).toContain('is not a close-account command');
    expect(err).toContain(`Did you mean ${nearest}?`);
    expect(out).toBe('');
  });

  it('a command group without its command says which are there, exit 2', async () => {
    const { code, err } = await run(['fix']);
    expect(code).toBe(2);
    expect(err).toContain('close-account fix needs one of these commands after it: listings');
  });

  it('options with values are not taken for commands', async () => {
    const { code } = await run(['--as-of', '2026-11-26', 'check', '--audit-db', db()]);
    expect(code).toBe(3);
  });
});
