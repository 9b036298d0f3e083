// `portfolio plan` across a sample account, real ones and protected ones (outside testing, issue 18's
// leftovers): a protected account never gets a submit step, and says why, in the text, the JSON, the
// calendar and the overview page; the embedded sample seller is marked as sample data in each of
// them, and no real account is.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { portfolioPlanJsonSchema } from '../../src/render/portfolio-plan-json-schema.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { readySellerReports } from '../helpers/report-fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'ca-plan-marks-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
for (const folder of ['real-reports', 'kept-reports']) {
  mkdirSync(join(home, folder));
  readySellerReports(join(home, folder));
}
const accounts = join(home, 'accounts.yaml');
writeFileSync(
  accounts,
  `version: 1
accounts:
  - { name: Demo blocked, sellerId: A1DEMOBLOCK01, region: north-america, source: { kind: demo, scenario: blocked } }
  - { name: Demo kept, sellerId: A2DEMOKEPT001, region: japan, protected: true, source: { kind: demo, scenario: ready } }
  - { name: Real shop, sellerId: A3REALSHOP001, region: north-america, source: { kind: reports, folder: real-reports } }
  - { name: Real kept, sellerId: A4REALKEPT001, region: north-america, protected: true, source: { kind: reports, folder: kept-reports } }
`,
);
const ics = join(home, 'plan.ics');
const html = join(home, 'plan.html');
const env = { HOME: home, XDG_STATE_HOME: join(home, 'state'), COLUMNS: '250' };
const plan = async (...extra: string[]) => {
  const term = fakeTerminal({ env });
  const code = await main(['portfolio', 'plan', '--accounts', accounts, '--dry-run', '--as-of', '2026-11-26', ...extra], term, { version: '1' });
  return { code, out: term.output(), err: term.errors() };
};
const PROTECTED = ['Demo kept', 'Real kept'];

describe('portfolio plan: protected accounts and the sample seller', () => {
  it('JSON: no submit step (nor what follows one) for a protected account, with the reason; sample accounts flagged', async () => {
    const { code, out, err } = await plan('--json', '--ics', ics, '--html', html);
    expect(code, err).toBe(0);
    const doc = portfolioPlanJsonSchema.parse(JSON.parse(out));
    for (const name of PROTECTED) {
      expect(doc.steps.filter((s) => s.account === name).map((s) => s.id)).not.toContain('submit');
      expect(doc.steps.filter((s) => s.account === name).map((s) => s.id)).not.toContain('answer-late-claims');
      expect(doc.accounts.find((a) => a.name === name)!.noSubmit).toMatch(/marks this account protected/);
    }
    for (const name of ['Demo blocked', 'Real shop']) {
      expect(doc.steps.filter((s) => s.account === name).map((s) => s.id)).toContain('submit');
      expect(doc.accounts.find((a) => a.name === name)!.noSubmit).toBeNull();
    }
    expect(Object.fromEntries(doc.accounts.map((a) => [a.name, a.demo]))).toEqual({ 'Demo blocked': true, 'Demo kept': true, 'Real shop': false, 'Real kept': false });
    expect(doc.steps.every((s) => s.demo === s.account.startsWith('Demo'))).toBe(true);
  });

  it('the calendar: no closure event for a protected account; every sample event says it is sample data', () => {
    const events = readFileSync(ics, 'utf8').replace(/\r\n /g, '').split('BEGIN:VEVENT').slice(1);
    const summary = (e: string) => /SUMMARY:(.*)/.exec(e)![1]!;
    const closes = events.filter((e) => /UID:[^\r\n]*-close-\d{4}/.test(e)).map(summary);
    expect(closes.map((s) => s.split(' ')[0] + ' ' + s.split(' ')[1])).toEqual(['Demo blocked', 'Real shop:']);
    for (const e of events) {
      const s = summary(e);
      expect(s.includes('[sample]'), s).toBe(s.startsWith('Demo'));
      expect(e.includes('DEMO DATA'), s).toBe(s.startsWith('Demo'));
      expect(s.includes('[protected]'), s).toBe(PROTECTED.some((n) => s.startsWith(n)));
    }
  });

  it('the overview page: the sample seller marked in its heading and section, no closure marker for a protected account', () => {
    const page = readFileSync(html, 'utf8');
    const section = (name: string) => page.slice(page.lastIndexOf('<section', page.indexOf(`data-account="${name}"`))).split('</section>')[0]!;
    for (const name of ['Demo blocked', 'Demo kept']) {
      expect(section(name)).toMatch(/<section class="account sample"/);
      expect(section(name)).toContain('<span class="sample">[sample]</span>');
      expect(section(name)).toContain('DEMO DATA');
    }
    for (const name of ['Real shop', 'Real kept']) expect(section(name)).not.toMatch(/sample|DEMO DATA/);
    for (const name of PROTECTED) {
      expect(section(name)).not.toContain('class="close"');
      expect(section(name)).toContain('marks this account protected');
    }
    expect(section('Real shop')).toContain('class="close"');
  });

  it('the text plan: sample rows marked, protected accounts say why they have no submit step (en, zh-CN, ja)', async () => {
    const marks = { en: ['[sample]', 'marks this account protected'], 'zh-CN': ['[示例]', '标记为受保护'], ja: ['[サンプル]', '保護と指定'] } as const;
    for (const [lang, [sample, why]] of Object.entries(marks)) {
      const { out } = await plan('--lang', lang);
      // The table rows (indented), not the closing line that names the sample accounts.
      const lines = out.split('\n').filter((l) => l.startsWith('  '));
      for (const line of lines.filter((l) => /Demo (blocked|kept)/.test(l))) expect(line, line).toContain(sample);
      for (const line of lines.filter((l) => /Real (shop|kept)/.test(l))) expect(line, line).not.toContain(sample);
      // The only line about a protected account's closure is the one saying why there is none.
      for (const name of PROTECTED) expect(lines.filter((l) => l.includes(name) && l.includes(why))).toHaveLength(1);
      if (lang === 'en') for (const name of PROTECTED) expect(lines.filter((l) => l.includes(name) && /submit the closure request/.test(l))).toEqual([]);
    }
  });
});

describe('portfolio plan: the last closure date is of the accounts to close, never of a protected one', () => {
  const write = (name: string, lines: string) => {
    const file = join(home, name);
    writeFileSync(file, `version: 1\naccounts:\n${lines}`);
    return file;
  };
  const planOf = async (file: string, lang = 'en') => {
    const page = join(home, `${file.replace(/.*\//, '')}-${lang}.html`);
    const json = fakeTerminal({ env });
    expect(await main(['portfolio', 'plan', '--accounts', file, '--dry-run', '--as-of', '2026-11-26', '--json', '--html', page], json, { version: '1' }), json.errors()).toBe(0);
    const text = fakeTerminal({ env });
    expect(await main(['portfolio', 'plan', '--accounts', file, '--dry-run', '--as-of', '2026-11-26', '--lang', lang], text, { version: '1' })).toBe(0);
    return { doc: portfolioPlanJsonSchema.parse(JSON.parse(json.output())), out: text.output(), page: readFileSync(page, 'utf8') };
  };

  it('a protected account that would close later does not set it: JSON, text and the overview page', async () => {
    const file = write('later-kept.yaml', `  - { name: Kept late, sellerId: A5KEPTLATE001, region: north-america, protected: true, source: { kind: demo, scenario: blocked } }
  - { name: Real shop, sellerId: A3REALSHOP001, region: north-america, source: { kind: reports, folder: real-reports } }
`);
    const { doc, out, page } = await planOf(file);
    const kept = doc.accounts.find((a) => a.name === 'Kept late')!.closeOn!;
    const real = doc.accounts.find((a) => a.name === 'Real shop')!.closeOn!;
    expect(kept > real, `${kept} > ${real}`).toBe(true);
    expect(doc.lastCloseOn).toBe(real);
    expect(out.split('\n')[0]).toContain(`the last account can close on ${real}`);
    expect(page).toContain(`the last account can close on ${real}`);
    expect(page).not.toContain(`can close on ${kept}`);
  });

  it('with every planned account protected, no closure date, and it says why (not "no account could be planned"): en, zh-CN, ja', async () => {
    const file = write('all-kept.yaml', `  - { name: Kept late, sellerId: A5KEPTLATE001, region: north-america, protected: true, source: { kind: demo, scenario: blocked } }
`);
    const { doc, out, page } = await planOf(file);
    expect(doc.lastCloseOn).toBeNull();
    for (const shown of [out.split('\n')[0]!, page]) {
      expect(shown).toContain('no account is to be closed');
      expect(shown).not.toContain('no account could be planned');
    }
    const catalogues = { 'zh-CN': (await import('../../src/messages/zh-CN.js')).zhCN, ja: (await import('../../src/messages/ja.js')).ja };
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      const { out: translated } = await planOf(file, lang);
      expect(translated.split('\n')[0]).toBe(catalogue['portfolio.plan.heading-protected']({ asOf: '2026-11-26' }));
    }
  });
});
