// A reports account whose folder cannot be read is told to fix the accounts file, not to give
// --reports-dir: portfolio takes no such flag (new-user attack, 2026-12-03).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { openAdapter, type AdapterOptions } from '../../src/adapters/registry.js';
import { ReportsFolderError } from '../../src/errors.js';
import { loadMessages, translator, type Translate } from '../../src/messages/catalogue.js';

const options: AdapterOptions = { demoScenario: 'blocked', demoDone: new Set(), reportsDir: null, encoding: null, warn: () => {}, now: new Date('2026-11-26T12:00:00Z'), env: {}, spApiFile: null, asOf: '2026-11-26', note: () => {}, verbose: false, userAgent: 'test' };

const home = mkdtempSync(join(tmpdir(), 'ca-portfolio-folder-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('portfolio: a reports folder that cannot be read', () => {
  it.each(['en', 'ja'])('names the accounts file as the place to fix it, never --reports-dir (%s)', async (lang) => {
    const accounts = join(home, 'accounts.yaml');
    writeFileSync(accounts, 'version: 1\naccounts:\n  - { name: Gone, sellerId: A3GONEFOLDER01, region: japan, source: { kind: reports, folder: no-such-folder } }\n');
    const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_DATA_HOME: join(home, 'data'), COLUMNS: '200' } });
    const code = await main(['portfolio', 'check', '--accounts', accounts, '--dry-run', '--lang', lang, '--json'], term, { version: '1' });
    expect(code).toBe(4);
    const account = (JSON.parse(term.output()) as { accounts: { error: { message: string; hint: string | null } }[] }).accounts[0]!;
    expect(account.error.message).toContain('no-such-folder');
    expect(account.error.hint).not.toContain('--reports-dir');
    expect(account.error.hint).toContain(lang === 'en' ? 'accounts file' : 'アカウントファイル');
  });
});

describe('the reports adapter says its folder cannot be used by a typed error, not by the words of its hint', () => {
  it.each([
    ['a folder that is not there', 'unreadable', (t: Translate) => openAdapter('reports', { ...options, reportsDir: join(home, 'no-such-folder') }, t)],
    ['no folder given', 'needed', (t: Translate) => openAdapter('reports', { ...options, reportsDir: null }, t)],
  ] as const)('%s: ReportsFolderError (%s), in every language', async (_, problem, open) => {
    for (const lang of ['en', 'zh-CN', 'ja'] as const) {
      const t = translator(await loadMessages(lang));
      const error = await open(t).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ReportsFolderError);
      expect((error as ReportsFolderError).problem).toBe(problem);
    }
  });
});
