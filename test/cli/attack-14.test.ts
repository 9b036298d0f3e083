// Defects found by trying the tool as a new seller would (attack 14), one test each.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const db = () => join(mkdtempSync(join(tmpdir(), 'attack-14-')), 'audit.db');

async function json(argv: string[], today = '2026-12-03') {
  const term = fakeTerminal({ today });
  await main([...argv, '--json'], term, { version: '1' }).catch(() => undefined);
  return JSON.parse(term.output()) as { verdict: string; checks: { id: string; status: string; count: number; summary: string }[] };
}

describe('--as-of in the future: the clock moves, the data stays', () => {
  it('orders the data shows open stay open, however far ahead the day is', async () => {
    const path = db();
    for (const asOf of ['2027-03-20', '2030-01-01']) {
      const doc = await json(['check', '--as-of', asOf, '--attest', 'all', '--audit-db', path]);
      const open = doc.checks.find((c) => c.id === 'open-orders')!;
      expect(open.status, asOf).toBe('fail');
      expect(open.count, asOf).toBe(4);
      // The last sale is the data's own, not "no sale since" a day the data never reached.
      expect(doc.checks.find((c) => c.id === 'last-sale-window')!.summary, asOf).toContain('2026-11-20');
    }
  });
});

describe('a question\'s error message fits the terminal', () => {
  it('is broken between words, not at the edge mid-id', async () => {
    const { inquirerPrompter } = await import('../../src/io/prompter.js');
    const { loadMessages, translator } = await import('../../src/messages/catalogue.js');
    const { displayWidth } = await import('../../src/io/text-layout.js');
    const term = { ...fakeTerminal({ tty: true }), columns: 80 };
    const t = translator(await loadMessages('zh-CN'));
    const refusal = t('wizard.seller-id-other', { given: 'A1B2C3D4E5F6G7', known: 'A2DEMO5ELLER7Q' });
    const prompter = inquirerPrompter(term, t);
    let tries = 0;
    const answer = prompter.input({ message: '?', validate: () => (tries++ === 0 ? refusal : true) });
    const stdin = term.stdin as import('node:stream').PassThrough;
    // Each key once the prompt shows what it waits for: no real time waited.
    const shown = (text: string) =>
      new Promise<void>((resolve) => {
        const look = () => (term.errors().includes(text) ? resolve() : term.stderr.once('data', () => setImmediate(look)));
        look();
      });
    await shown('?');
    stdin.write('A1B2C3D4E5F6G7\r');
    await shown('ER7Q');
    stdin.write('\r');
    await answer;
    // eslint-disable-next-line no-control-regex -- the prompt's own cursor and colour codes
    const lines = term.errors().replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '\n').split('\n');
    // Both mentions of the seller ID are whole, on one line each.
    expect(lines.join('\n').split('A2DEMO5ELL').length).toBe(lines.join('\n').split('A2DEMO5ELLER7Q').length);
    expect(lines.join('\n').split('A2DEMO5ELLER7Q').length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
  });
});

describe('Chinese and Japanese lines are broken where the languages allow', () => {
  it('a closing quote never starts a line, an opening one never ends it, a date stays whole', async () => {
    const { wrapLine } = await import('../../src/io/text-layout.js');
    const texts = [
      '需要确认：数据没有显示障碍。上面各项都属实后，请再次运行 close-account 并回答“是”。',
      '请查看“设置 → 账户信息 → 存款方式”和“绩效通知”；有未解决的问题时，关闭请求常被拒绝。',
      '最後の販売は2026年10月2日 (62日前): Amazonは90日後の2026年12月31日まで待ちます。',
      '未発送の注文はありません (2026年8月5日以降の注文61件を確認)。',
    ];
    for (const text of texts) {
      for (let width = 20; width <= 80; width++) {
        const lines = wrapLine(text, width);
        const where = `${width}: ${lines.join(' | ')}`;
        for (const line of lines.slice(1)) expect(line.trimStart(), where).not.toMatch(/^[”’」』）。、，]/);
        for (const line of lines.slice(0, -1)) expect(line, where).not.toMatch(/[“‘「『（]$/);
        for (const date of text.match(/\d{4}年\d{1,2}月\d{1,2}日/g) ?? []) expect(lines.some((line) => line.includes(date)), where).toBe(true);
      }
    }
  });
});

describe('the help\'s value placeholders are in the language', () => {
  it.each(['zh-CN', 'ja'])('%s: no <name>, <file> or <run-id> in English', async (lang) => {
    const texts: string[] = [];
    for (const argv of [['--help'], ['check', '--help'], ['submit', '--help'], ['status', '--help'], ['audit', 'show', '--help'], ['audit', 'export', '--help'], ['audit', 'list', '--help'], ['submit']]) {
      const term = fakeTerminal();
      await main([...argv, '--lang', lang], term, { version: '1' }).catch(() => undefined);
      texts.push(term.output(), term.errors());
    }
    const english = texts.join('\n').match(/<[a-z][a-z-]*>|^ {2}run-id\b/gm) ?? [];
    expect(english).toEqual([]);
  });
});

describe('a path that reaches no shell', () => {
  it('--reports-dir=~/… and --audit-db=~/… are found in the home folder', async () => {
    const { mkdirSync, existsSync } = await import('node:fs');
    const { readySellerReports } = await import('../helpers/report-fixtures.js');
    const home = mkdtempSync(join(tmpdir(), 'attack-14-home-'));
    mkdirSync(join(home, 'amazon-reports'));
    readySellerReports(join(home, 'amazon-reports'));
    const term = fakeTerminal({ env: { HOME: home } });
    const code = await main(['check', '--json', '--adapter', 'reports', '--reports-dir=~/amazon-reports', '--audit-db=~/audit.db'], term, { version: '1' });
    expect(term.errors()).not.toContain('Cannot read');
    expect(code).not.toBe(2);
    expect(JSON.parse(term.output())).toHaveProperty('checks');
    expect(existsSync(join(home, 'audit.db'))).toBe(true);
  });
});

describe('the wizard names no flags', () => {
  it('the list of reports a folder lacks ends in the wizard\'s words, not --reports-dir or --attest', async () => {
    const { scriptedPrompter } = await import('../helpers/scripted-prompter.js');
    const dir = mkdtempSync(join(tmpdir(), 'attack-14-empty-'));
    const term = fakeTerminal({ tty: true });
    const prompter = scriptedPrompter([
      { kind: 'confirm', match: 'can be closed now', answer: true },
      { kind: 'select', match: 'seller data', answer: 'reports' },
      { kind: 'input', match: 'Which folder holds the reports', answer: dir },
      { kind: 'confirm', match: 'Check with the reports the folder has?', answer: false },
    ]);
    await main(['--audit-db', db()], term, { version: '1', prompter });
    prompter.assertDone();
    const text = `${term.output()}\n${term.errors()}`;
    expect(text).toContain('All Orders');
    expect(text.match(/--[a-z][a-z-]+/g) ?? []).toEqual([]);
  });
});

describe('close-account reports in Japanese', () => {
  it('says a found file\'s age in Japanese, not "(0d)"', async () => {
    const { readySellerReports } = await import('../helpers/report-fixtures.js');
    const dir = mkdtempSync(join(tmpdir(), 'attack-14-reports-'));
    readySellerReports(dir);
    const term = fakeTerminal();
    await main(['reports', '--reports-dir', dir, '--lang', 'ja'], term, { version: '1' });
    expect(term.output()).toMatch(/日前\)/);
    expect(term.output()).not.toMatch(/\(\d+d\)/);
  });
});

describe('the wizard run again after a submission', () => {
  it('says the request already with Amazon before asking the request\'s questions', async () => {
    const { scriptedPrompter } = await import('../helpers/scripted-prompter.js');
    const path = db();
    const confirmAll = ['downloaded', 'Bank account', 'Professional plan'].map((match) => ({ kind: 'confirm' as const, match, answer: true }));
    const start = [
      { kind: 'confirm' as const, match: 'can be closed now', answer: true },
      { kind: 'select' as const, match: 'seller data', answer: 'demo' },
      { kind: 'select' as const, match: 'demo situation', answer: 'ready' },
      ...confirmAll,
    ];
    const first = scriptedPrompter([
      ...start,
      { kind: 'input', match: 'seller ID (merchant token)', answer: 'A2DEMO5ELLER7Q' },
      { kind: 'select', match: 'Why are you closing the account', answer: 'fees-too-high' },
      { kind: 'input', match: 'Anything to add', answer: '' },
      { kind: 'input', match: 'email address', answer: 'owner@example.com' },
      { kind: 'input', match: 'phone', answer: '' },
      { kind: 'input', match: 'Type your seller ID', answer: 'A2DEMO5ELLER7Q' },
    ]);
    expect(await main(['--audit-db', path], fakeTerminal({ tty: true }), { version: '1', prompter: first })).toBe(0);
    // No question about the request: the scripted prompter fails on any.
    const second = scriptedPrompter(start);
    const term = fakeTerminal({ tty: true });
    expect(await main(['--audit-db', path], term, { version: '1', prompter: second })).toBe(2);
    second.assertDone();
    expect(term.errors()).toMatch(/already submitted[\s\S]*status --record withdrawn/);
  });
});

describe('--help at 80 columns', () => {
  it.each(['en', 'zh-CN', 'ja'])('%s: no line is wider than the terminal, the examples included', async (lang) => {
    const { displayWidth } = await import('../../src/io/text-layout.js');
    const term = { ...fakeTerminal({ tty: true }), columns: 80 };
    await main(['--help', '--lang', lang], term, { version: '1' });
    const wide = term.output().split('\n').filter((line) => displayWidth(line) > 80);
    expect(wide).toEqual([]);
  });
});

describe('one word for one thing', () => {
  it('zh-CN calls the merchant token 商家记号 at the question as on the summary and in the help', async () => {
    const { zhCN } = await import('../../src/messages/zh-CN.js');
    const all = Object.values(zhCN).map((m) => (m as (p: Record<string, string>) => string)({})).join('\n');
    expect(all).not.toContain('商户令牌');
    expect(zhCN['wizard.ask.seller-id']()).toContain(zhCN['request.field.seller-id']().replace('卖家编号', '').replace(/[（）]/g, ''));
  });
});

describe('--json: exactly one document, errors included', () => {
  it('an unknown --lang', async () => {
    const term = fakeTerminal();
    expect(await main(['check', '--json', '--lang', 'xx'], term, { version: '1' })).toBe(2);
    expect(JSON.parse(term.output())).toMatchObject({ schemaVersion: 1, error: { code: 'usage', exitCode: 2 } });
  });
});

describe('plan --json with a file it cannot write', () => {
  it('prints the error document only, not the plan and then an error', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'attack-14-plan-'));
    writeFileSync(join(dir, 'a-file'), '');
    const term = fakeTerminal();
    expect(await main(['plan', '--json', '--ics', join(dir, 'a-file', 'closure.ics'), '--audit-db', db()], term, { version: '1' })).toBe(2);
    expect(JSON.parse(term.output())).toMatchObject({ error: { code: 'usage', exitCode: 2 } });
  });
});

describe('audit export --json', () => {
  it('prints the dossier as JSON, and refuses --format md with --json as one error document', async () => {
    const path = db();
    await main(['check', '--audit-db', path], fakeTerminal(), { version: '1' });
    const term = fakeTerminal();
    expect(await main(['audit', 'export', '--json', '--audit-db', path], term, { version: '1' })).toBe(0);
    expect(JSON.parse(term.output())).toHaveProperty('chain');
    const both = fakeTerminal();
    expect(await main(['audit', 'export', '--json', '--format', 'md', '--audit-db', path], both, { version: '1' })).toBe(2);
    expect(JSON.parse(both.output())).toMatchObject({ error: { code: 'usage' } });
  });
});

describe('zh-CN punctuation', () => {
  it('a label and its value are joined by the full-width colon, not ": "', async () => {
    const path = db();
    const texts: string[] = [];
    for (const argv of [
      ['check'],
      ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'a@b.co', '--confirm', 'A2DEMO5ELLER7Q'],
      ['status', '--record', 'frobnicated'],
    ]) {
      const term = fakeTerminal();
      await main([...argv, '--lang', 'zh-CN', '--audit-db', path], term, { version: '1' }).catch(() => undefined);
      texts.push(term.output(), term.errors());
    }
    const lines = texts.join('\n').split('\n').filter((line) => /[\u4e00-\u9fff）”]: /.test(line));
    expect(lines).toEqual([]);
  });
});

describe('status after withdrawing a request Amazon has', () => {
  it('does not say "nothing will happen": recording it reaches no one, Amazon is asked', async () => {
    const { readySellerReports } = await import('../helpers/report-fixtures.js');
    const dir = mkdtempSync(join(tmpdir(), 'attack-14-sent-'));
    readySellerReports(dir);
    const path = db();
    const common = ['--adapter', 'reports', '--reports-dir', dir, '--audit-db', path];
    const sent = fakeTerminal();
    const code = await main(['submit', ...common, '--attest', 'all', '--seller-id', 'A1B2C3D4E5F6G7', '--reason', 'stopped-selling', '--email', 'a@b.co', '--confirm', 'A1B2C3D4E5F6G7', '--submitter', 'seller-central', '--sent'], sent, { version: '1' });
    expect(code, sent.errors()).toBe(0);
    await main(['status', '--record', 'withdrawn', '--audit-db', path], fakeTerminal(), { version: '1' });
    const status = fakeTerminal();
    await main(['status', '--audit-db', path], status, { version: '1' });
    expect(status.output()).not.toContain('nothing will happen');
    expect(status.output()).toContain('Seller Support');
  });
});
