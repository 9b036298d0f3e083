// The CLI as a separate process without a terminal: exit codes, JSON by schema, the audit log,
// errors that explain themselves and never show a stack. The built executable is spawned for what
// only it shows (--version, its shebang, and reports, status and archive run to their end: the exit
// code it sets, the language from the environment); the built program runs the smoke test of each
// family here (check, submit with audit list and status, the audit export), all in one spawned
// process (runScenarios: the bundle loaded afresh for each run, each test's runs in a home of their
// own; it calls main() itself, so it shows nothing of dist/cli.cjs).
// What the program decides, prints and exits with otherwise runs main() in this process (runMain),
// with the same environment and the same result shape.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readinessJsonSchema } from '../../src/render/json-schema.js';
import { readAudit } from '../helpers/audit.js';
import { runScenarios, startCli } from '../helpers/cli-async.js';
import { runMain } from '../helpers/cli-in-process.js';
import { CLI, runCli, sandbox, type CliResult } from '../helpers/cli-process.js';

const SELLER = 'A2DEMO5ELLER7Q';
const READY = ['--demo-scenario', 'ready', '--attest', 'all'];
const SUBMIT = ['submit', ...READY, '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'owner@example.com', '--confirm', SELLER];

const WITH_TEXT = [...SUBMIT.map((arg) => (arg === 'stopped-selling' ? 'other' : arg)), '--reason-text', 'Retiring <soon> & happy'];
/** Each family's smoke test: its runs, one after another on a home of its own. */
const SMOKE = {
  check: [['check', ...READY, '--json']],
  submit: [SUBMIT, [...SUBMIT, '--json'], ['audit', 'list'], ['status']],
  export: [WITH_TEXT, ['audit', 'export', '--format', 'json'], ['audit', 'export', '--format', 'csv'], ['audit', 'export'], ['audit', 'export', '--format', 'html'], ['audit', 'list', '--json']],
};
type Smoke = { [K in keyof typeof SMOKE]: { env: Record<string, string>; home: string; db: string; results: CliResult[] } };

/** The smoke tests' runs by the built program, in one spawned process, made once for the tests that read them. */
let smoke: Promise<Smoke> | undefined;
function smokeRuns(): Promise<Smoke> {
  smoke ??= (async () => {
    const families = Object.entries(SMOKE).map(([family, runs]) => ({ family, runs, ...sandbox() }));
    const results = await runScenarios(families.flatMap(({ runs, env }) => runs.map((args) => ({ args, env }))), families[0]!.home);
    let next = 0;
    return Object.fromEntries(families.map(({ family, runs, env, home, db }) => [family, { env, home, db, results: results.slice(next, (next += runs.length)) }])) as Smoke;
  })();
  return smoke;
}

function expectNoStack(result: CliResult): void {
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(result.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('close-account as a process', () => {
  it('--version prints the package version', () => {
    const { env } = sandbox();
    const result = runCli(['--version'], env);
    expect(result).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('runs by itself, as npm links it (executable, with its shebang), after any rebuild', () => {
    const { env } = sandbox();
    const result = spawnSync(CLI, ['--version'], { env, encoding: 'utf8' });
    expect({ code: result.status, stdout: result.stdout, error: result.error?.message }).toEqual({ code: 0, stdout: '0.1.0\n', error: undefined });
  });

  it('--dry-run on the demo seller shows its blockers, exits 3 and touches nothing', async () => {
    const { env, db } = sandbox();
    const result = await runMain(['--dry-run'], env);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('DEMO DATA');
    expect(result.stdout).toContain('BLOCKED');
    expect(result.stdout).toContain('Earliest possible closure: 2027-02-18');
    expect(result.stdout).toContain('4 orders are not yet shipped');
    expect(result.stderr).toContain('nothing was recorded');
    expect(existsSync(db)).toBe(false);
  });

  it('check --demo-scenario ready --attest all --json says ready and exits 0', async () => {
    const { db, results } = (await smokeRuns()).check;
    const result = results[0]!;
    expect(result.code).toBe(0);
    const doc = readinessJsonSchema.parse(JSON.parse(result.stdout));
    expect(doc).toMatchObject({ schemaVersion: 1, adapter: 'demo', demo: true, verdict: 'ready', submission: null });
    expect(doc.audit.runId).toMatch(/^run-/);
    expect(doc.audit.database).toBe(db);
    expect(existsSync(db)).toBe(true);
  });

  it('--dry-run --json gives the same document with no run recorded', async () => {
    const { env } = sandbox();
    const result = await runMain(['--dry-run', '--json', '--seller-id', SELLER, '--reason', 'other', '--reason-text', 'Retiring', '--email', 'a@b.co'], env);
    expect(result.code).toBe(3);
    const doc = readinessJsonSchema.parse(JSON.parse(result.stdout));
    expect(doc.audit).toEqual({ runId: null, database: null });
    expect(doc.request).toMatchObject({ complete: true, sellerId: SELLER, reason: 'other', marketplaces: ['CA', 'MX', 'US'] });
    expect(doc.earliestCloseDate).toBe('2027-02-18');
  });

  it('answers "will I be ready on that day?" with --as-of', async () => {
    const { env } = sandbox();
    const asOf = (day: string) => runMain(['check', '--demo-scenario', 'waiting', '--attest', 'all', '--as-of', day, '--json'], env);
    const before = await asOf('2026-12-30');
    const on = await asOf('2026-12-31');
    expect(before.code).toBe(3);
    const doc = readinessJsonSchema.parse(JSON.parse(before.stdout));
    expect(doc.checks.find((c) => c.id === 'last-sale-window')).toMatchObject({ status: 'fail', clearsOn: '2026-12-31' });
    expect(on.code).toBe(0);
  });

  it('submit on the ready seller exits 0, once; audit list shows the run and the submission', async () => {
    const { db, results } = (await smokeRuns()).submit;
    const [first, again, list, status] = results as [CliResult, CliResult, CliResult, CliResult];
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Closure request submitted.');
    expect(again.code).toBe(0);
    expect(readinessJsonSchema.parse(JSON.parse(again.stdout)).submission).toMatchObject({ alreadySubmitted: true, submitter: 'demo' });

    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/submit\s+demo \(demo: ready\)\s+\d{4}-\d{2}-\d{2}\s+ready\s+completed\s+0\s+DEMO-CR-/);

    expect(readAudit(db)).toMatchObject({ submissions: 1, intact: true });

    expect(status.stdout).toContain('Submitted on');
    expect(status.stdout).toContain('simulated submission for the demo seller');
  });

  // The families whose other runs are in this process, in runScenarios (which calls main() itself,
  // not dist/cli.cjs) or killed mid-run: each once by the executable, to its own end, so that the
  // exit code it sets and the output it flushes before exiting are seen. `reports` with the
  // language from LANG, as a user's environment sets it (processTerminal's env, not a fake one).
  it('reports, status and archive, run by the executable to their end', async () => {
    const { home: submitted } = (await smokeRuns()).submit;
    const { env, home } = sandbox();
    const out = join(home, 'archive');
    const status = startCli(['status'], { ...env, HOME: submitted, XDG_DATA_HOME: join(submitted, '.local', 'share') });
    const reports = startCli(['reports'], { ...env, LANG: 'ja_JP.UTF-8' });
    const archive = startCli(['archive', '--out', out, '--as-of', '2026-11-26', '--demo-scenario', 'blocked'], env);
    const [statusCode, reportsCode, archiveCode] = await Promise.all([status.exit(), reports.exit(), archive.exit()]);

    expect(statusCode, status.stderr()).toBe(0);
    expect(status.stdout()).toContain('simulated submission for the demo seller');
    expect(reportsCode, reports.stderr()).toBe(0);
    expect(reports.stdout()).toContain('すべての注文 (必須)');
    expect(archiveCode, archive.stderr()).toBe(0);
    expect(archive.stdout()).toMatch(/Archive written to .*: \d+ files/);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ complete: true });
    const verify = await runMain(['archive', 'verify', out], env);
    expect(verify.code, verify.stderr).toBe(0);
  });

  it('refuses to submit unless ready (exit 3), and records no submission', async () => {
    const { env, db } = sandbox();
    const result = await runMain(['submit', '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', SELLER], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Not submitted');
    const audit = readAudit(db);
    expect(audit.submissions).toBe(0);
    expect(audit.runs[0]).toMatchObject({ outcome: 'failed', exit_code: 3 });
  });

  it('needs --confirm to repeat the seller ID', async () => {
    const { env } = sandbox();
    const result = await runMain([...SUBMIT.slice(0, -1), 'A999999999'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('does not match');
  });

  it('exports the closure dossier as JSON, CSV, Markdown and HTML', async () => {
    const { env, results } = (await smokeRuns()).export;
    const [submitted, json, csv, markdown, htmlRun, listed] = results as [CliResult, CliResult, CliResult, CliResult, CliResult, CliResult];
    expect(submitted.code).toBe(0);
    const dossier = JSON.parse(json.stdout);
    expect(dossier.request).toMatchObject({ state: 'submitted', submission: { submitter: 'demo' } });
    expect(dossier.evidence.checks).toHaveLength(14);
    // Three: account health and claims are answered from the demo's data (issue 17), not confirmed.
    expect(dossier.evidence.confirmations).toHaveLength(3);
    expect(dossier.chain).toMatchObject({ intact: true });
    expect(csv.stdout.split('\n')[0]).toBe('seq,at,run_id,record,request_id,detail,hash');
    expect(csv.stdout).toMatch(/,submission,CR-/);
    const md = markdown.stdout;
    expect(md).toContain('# Seller account closure dossier');
    expect(md).toContain(`Final hash of the audit chain: \`${dossier.chain.head}\``);
    const html = htmlRun.stdout;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Retiring &lt;soon&gt; &amp; happy');
    expect(html).not.toContain('<soon>');
    const runId = JSON.parse(listed.stdout).runs[0].id as string;
    const show = await runMain(['audit', 'show', runId], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Submission DEMO-CR-');
  });

  describe('bad input gets a clear error, exit 2, never a stack trace', () => {
    const cases: [string, string[], RegExp][] = [
      ['a date that is not a date', ['check', '--as-of', '2027-02-30'], /YYYY-MM-DD/],
      ['an unknown scenario', ['check', '--demo-scenario', 'sunny'], /blocked, waiting, ready/],
      ['an unknown attestation', ['check', '--attest', 'everything'], /data-export/],
      ['the sp-api source without credentials', ['check', '--adapter', 'sp-api'], /SP_API_CLIENT_ID, SP_API_CLIENT_SECRET, SP_API_REFRESH_TOKEN/],
      ['the reports source without its folder', ['check', '--adapter', 'reports'], /--reports-dir FOLDER/],
      ['an unknown encoding', ['check', '--adapter', 'reports', '--reports-dir', '.', '--encoding', 'ebcdic'], /utf-8, windows-1252, shift_jis/],
      ['an unknown option', ['check', '--colour'], /Unknown option --colour/],
      ['an unknown audit run', ['audit', 'show', 'run-nope'], /audit log/],
      ['an export format', ['audit', 'export', '--format', 'xml'], /md, html, json, csv/],
    ];
    // Each case in a home of its own.
    it.each(cases)('%s', async (_name, args, message) => {
      const result = await runMain(args, sandbox().env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expectNoStack(result);
    });

    it('an audit log that cannot be written, before anything is submitted', async () => {
      const { env, home } = sandbox();
      writeFileSync(join(home, 'not-a-folder'), 'x');
      const result = await runMain([...SUBMIT, '--audit-db', join(home, 'not-a-folder', 'audit.db')], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Cannot use the audit log');
      expect(result.stderr).toContain('--audit-db');
      expectNoStack(result);
    });

    it('a config file with a mistake names the file and the line', async () => {
      const { env, home } = sandbox();
      mkdirSync(join(home, 'cfg'));
      const file = join(home, 'cfg', 'close-account.json');
      writeFileSync(file, '{\n  "adapter": "demo",\n  "emial": "x@example.com"\n}\n');
      const result = await runMain(['check', '--config', file], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${file}, line 3`);
      writeFileSync(file, '{\n  "adapter": "demo",\n}\n');
      const broken = await runMain(['check', '--config', file], env);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/line 3: not valid JSON/);
      expectNoStack(broken);
    });
  });
});
