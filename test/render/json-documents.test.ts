// Every --json document, produced by the real commands in-process, held to its zod schema: a
// field renamed, added or dropped in the output without its schema (and the README) fails here.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { main } from '../../src/main.js';
import { auditListJsonSchema, auditShowJsonSchema, auditVerifyJsonSchema, dossierJsonSchema } from '../../src/render/audit-json-schema.js';
import { errorJsonSchema, readinessJsonSchema } from '../../src/render/json-schema.js';
import { planJsonSchema } from '../../src/render/plan-json-schema.js';
import { reportsJsonSchema } from '../../src/render/reports-json-schema.js';
import { statusJsonSchema, statusRecordJsonSchema } from '../../src/render/status-json-schema.js';
import { fixListingsJsonSchema } from '../../src/render/fix-listings-json-schema.js';
import { portfolioJsonSchema } from '../../src/render/portfolio-json-schema.js';
import { portfolioInitJsonSchema } from '../../src/render/portfolio-init-json-schema.js';
import { portfolioPlanJsonSchema } from '../../src/render/portfolio-plan-json-schema.js';
import { COMMANDS } from '../../src/commands/index.js';
import { isGroup } from '../../src/command-kit/command-definition.js';
import { NO_FAULTS, startFakeSpApi } from '../helpers/fake-sp-api.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const SELLER = 'A2DEMO5ELLER7Q';
const REQUEST = ['--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com'];
const home = mkdtempSync(join(tmpdir(), 'ca-json-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const db = join(home, 'audit.db');

/** The commands this file ran with --json and held to a schema: the last test checks it is every one. */
const covered = new Set<string>();
const commandPath = (argv: string[]): string => {
  const entry = COMMANDS.find((c) => c.name === argv[0]);
  if (!entry) return argv[0]?.startsWith('-') ? '' : (argv[0] ?? '');
  const sub = isGroup(entry) ? entry.subcommands.find((c) => c.name === argv[1]) : undefined;
  return sub ? `${entry.name} ${sub.name}` : entry.name;
};

/** Runs a command with --json and parses its one stdout document with the schema, strictly. */
async function document<S extends z.ZodType>(schema: S, argv: string[], code: number, env: Record<string, string> = {}): Promise<z.infer<S>> {
  if (code !== 2) covered.add(commandPath(argv));
  const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache'), ...env } });
  expect(await main([...argv, '--json', '--audit-db', db], term, { version: '1' }), term.errors()).toBe(code);
  const parsed = schema.safeParse(JSON.parse(term.output()));
  expect(parsed.error?.issues ?? [], `${argv.join(' ')}: ${term.output()}`).toEqual([]);
  return parsed.data as z.infer<S>;
}

// One log, built up in order: no log, a check, a submission, Amazon's answer.
describe('every --json document validates against its schema', () => {
  it('with no audit log yet: audit list, audit verify, status', async () => {
    expect((await document(auditListJsonSchema, ['audit', 'list'], 0)).audit.exists).toBe(false);
    expect((await document(auditVerifyJsonSchema, ['audit', 'verify'], 0)).exists).toBe(false);
    expect((await document(statusJsonSchema, ['status'], 0)).requests).toEqual([]);
  });

  it('reports, without and with a folder (a file it skips included)', async () => {
    expect((await document(reportsJsonSchema, ['reports'], 0)).folder).toBeNull();
    const dir = join(home, 'reports');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'not a report\n');
    writeFileSync(join(dir, 'empty.txt'), '');
    const folder = await document(reportsJsonSchema, ['reports', '--reports-dir', dir], 0);
    expect(folder.skipped.length).toBeGreaterThan(0);
  });

  it('portfolio check, across accounts (issue 18)', async () => {
    const accounts = join(home, 'accounts.yaml');
    writeFileSync(accounts, 'version: 1\naccounts:\n  - { name: A, sellerId: A1PORTFOLIO001, region: europe, source: { kind: demo, scenario: waiting } }\n  - { name: B, sellerId: A1PORTFOLIO001, region: japan, source: { kind: demo } }\n');
    const doc = await document(portfolioJsonSchema, ['portfolio', 'check', '--accounts', accounts], 3);
    expect(doc.regions[0]?.requests.map((r) => r.region)).toEqual(['europe', 'japan']);
    const plan = await document(portfolioPlanJsonSchema, ['portfolio', 'plan', '--accounts', accounts, '--dry-run', '--as-of', '2026-11-26'], 0);
    expect(plan.accounts.map((a) => a.name)).toEqual(['A', 'B']);
  });

  it('portfolio init: the file it wrote', async () => {
    const accounts = join(home, 'init', 'accounts.yaml');
    expect((await document(portfolioInitJsonSchema, ['portfolio', 'init', '--accounts', accounts], 0)).accounts).toBe(accounts);
  });

  it('check, plan, --dry-run and submit', async () => {
    const checked = await document(readinessJsonSchema, ['check'], 3);
    expect(checked.verdict).toBe('blocked');
    // Issue 17: each check says what it rests on; an attested data-shown problem still rests on data.
    expect(checked.checks.find((c) => c.id === 'claims')).toMatchObject({ status: 'fail', basis: 'data' });
    expect(checked.checks.find((c) => c.id === 'bank-account')).toMatchObject({ status: 'manual', basis: 'none' });
    expect(checked.checks.find((c) => c.id === 'hidden-charges')).toMatchObject({ status: 'warn', basis: 'data' });
    expect(checked.checks.find((c) => c.id === 'last-sale-window')?.claimableUntil).toBe('2027-02-24');
    const attested = await document(readinessJsonSchema, ['check', '--attest', 'all'], 3);
    expect(attested.checks.find((c) => c.id === 'claims')).toMatchObject({ status: 'fail', basis: 'data' });
    expect(attested.checks.find((c) => c.id === 'performance-notifications')).toMatchObject({ status: 'fail', basis: 'data' });
    expect(attested.checks.find((c) => c.id === 'bank-account')).toMatchObject({ status: 'manual', confirmed: true, basis: 'seller' });
    const plan = await document(planJsonSchema, ['plan'], 0);
    expect(plan.steps.length).toBeGreaterThan(0);
    expect((await document(readinessJsonSchema, ['--dry-run', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST], 0)).request?.complete).toBe(true);
    const submitted = await document(readinessJsonSchema, ['submit', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST, '--confirm', SELLER], 0);
    expect(submitted.submission?.alreadySubmitted).toBe(false);
  });

  it('status, status --record, audit list, show, verify and export after a submission', async () => {
    const status = await document(statusJsonSchema, ['status'], 0);
    expect(status.requests[0]?.state).toBe('submitted');
    expect((await document(statusRecordJsonSchema, ['status', '--record', 'under-review'], 0)).request.state).toBe('under-review');
    const list = await document(auditListJsonSchema, ['audit', 'list'], 0);
    expect(list.runs.map((r) => r.command)).toEqual(expect.arrayContaining(['check', 'plan', 'submit']));
    expect(list.runs.some((r) => r.command === 'submit' && r.exitCode === 0 && r.submissionReference !== null)).toBe(true);
    const shown = await document(auditShowJsonSchema, ['audit', 'show', list.runs[0]!.id], 0);
    expect(shown.records.length).toBeGreaterThan(0);
    const verified = await document(auditVerifyJsonSchema, ['audit', 'verify'], 0);
    expect(verified).toMatchObject({ exists: true, intact: true, problem: null });
    expect((await document(dossierJsonSchema, ['audit', 'export'], 0)).request?.state).toBe('under-review');
    expect((await document(dossierJsonSchema, ['audit', 'export', '--format', 'json'], 0)).chain.intact).toBe(true);
  });

  it('errors: one document with the error', async () => {
    expect((await document(errorJsonSchema, ['audit', 'show', 'run-x'], 2)).error.code).toBe('usage');
    expect((await document(errorJsonSchema, ['chek'], 2)).error.code).toBe('usage');
  });

  it('fix listings: the preview, then --apply', async () => {
    const fake = await startFakeSpApi('blocked', { ...NO_FAULTS, reportDelayMs: 0 });
    try {
      const preview = await document(fixListingsJsonSchema, ['fix', 'listings', '--adapter', 'sp-api'], 0, fake.env);
      expect(preview.applied).toBeNull();
      expect(preview.toDelete.length).toBeGreaterThan(0);
      expect(fake.deletes.size).toBe(0);
      const applied = await document(fixListingsJsonSchema, ['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER], 0, fake.env);
      expect(applied.applied).toMatchObject({ accepted: preview.toDelete.length, refused: [], pending: 0 });
    } finally {
      await fake.close();
    }
  });
});

// Issue 16: archive and archive verify, and an archive error, held to their schemas.
describe('archive --json documents validate against their schemas', () => {
  it('archive, archive verify, and a folder with no archive', async () => {
    const { archiveJsonSchema, archiveVerifyJsonSchema } = await import('../../src/render/archive-json-schema.js');
    const dir = join(home, 'archive-json');
    expect((await document(archiveJsonSchema, ['archive', '--out', dir], 0)).gaps).toEqual([]);
    expect((await document(archiveVerifyJsonSchema, ['archive', 'verify', dir], 0)).status).toBe('intact');
    expect((await document(errorJsonSchema, ['archive', 'verify', home], 2)).error.code).toBe('usage');
  });
});

// Last, as vitest runs a file's tests in order: a command added to src/commands/index.ts without a
// case above (and so without a schema held to its output) fails here.
describe('the cases above', () => {
  it('run every command and subcommand, and the root, with --json', () => {
    const every = [''];
    for (const entry of COMMANDS) {
      if (!isGroup(entry)) every.push(entry.name);
      else {
        if (entry.byItself) every.push(entry.name);
        for (const sub of entry.subcommands) every.push(`${entry.name} ${sub.name}`);
      }
    }
    expect(every.filter((path) => !covered.has(path))).toEqual([]);
  });
});
