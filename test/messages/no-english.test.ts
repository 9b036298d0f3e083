// Everything a seller reads in Chinese or Japanese is in that language: what is left in Latin
// letters must be an id, a code, a command or flag, a file name, or Amazon's own English name.
// Each command's human output (and the parser's own errors and help) is searched.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { englishWords } from '../helpers/english-words.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { HEADERS, readySellerReports, row } from '../helpers/report-fixtures.js';

const db = () => join(mkdtempSync(join(tmpdir(), 'no-en-')), 'audit.db');
async function output(argv: string[]): Promise<string> {
  const term = fakeTerminal();
  await main(argv, term, { version: '1' });
  return `${term.output()}\n${term.errors()}`;
}

const READY = ['--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com'];

describe.each(['zh-CN', 'ja'])('no English in %s output', (lang) => {
  it('the detector itself flags English', () => {
    expect(englishWords('too many arguments. 注文')).toEqual(['too', 'many', 'arguments']);
    expect(englishWords('出品者ID A2DEMO5ELLER7Q、`close-account status --record closed`、Seller Central')).toEqual([]);
  });

  it('check, plan, submit, status, audit: every line', async () => {
    const path = db();
    const texts = [
      await output(['check', '--lang', lang, '--audit-db', path]),
      await output(['check', '--lang', lang, '--audit-db', path, '--demo-scenario', 'waiting', '--verbose']),
      await output(['check', '--lang', lang, '--audit-db', path, '--demo-scenario', 'ready']),
      await output(['plan', '--lang', lang, '--audit-db', path]),
      await output(['submit', '--lang', lang, '--audit-db', path, ...READY, '--confirm', 'A2DEMO5ELLER7Q']),
      await output(['status', '--lang', lang, '--audit-db', path]),
      await output(['audit', 'list', '--lang', lang, '--audit-db', path]),
      await output(['audit', 'verify', '--lang', lang, '--audit-db', path]),
    ];
    const runId = /run-[\dT]+-[0-9a-f]+/.exec(texts[6]!)![0];
    texts.push(await output(['audit', 'show', runId, '--lang', lang, '--audit-db', path]));
    // The dossier a person reads (its timeline's details are the records' own codes, left aside).
    const dossier = await output(['audit', 'export', '--format', 'md', '--lang', lang, '--audit-db', path]);
    const [title, request, evidence] = dossier.split('\n## ');
    expect(evidence).toContain('|---|');
    texts.push([title, request, evidence].join('\n'));
    const found = texts.flatMap((text) => text.split('\n').filter((line) => englishWords(line).length > 0).map((line) => `${line}  ← ${englishWords(line).join(' ')}`));
    expect(found).toEqual([]);
    // Sentences follow each other without an ASCII space, as Chinese and Japanese are written.
    const spaced = texts.flatMap((text) => text.split('\n')).filter((line) => /[。！？] +[^\s|]/.test(line));
    expect(spaced).toEqual([]);
    // The verdict says "cannot be closed" once.
    const verdict = texts[0]!.split('\n').find((line) => line.includes(lang === 'ja' ? '閉鎖できません' : '受阻'))!;
    expect(verdict.split(lang === 'ja' ? '閉鎖できません' : '不能关闭').length).toBeLessThanOrEqual(2);
  });

  it('a report file error, the "expected" part included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-en-reports-'));
    readySellerReports(dir);
    writeFileSync(join(dir, 'inv.txt'), `${HEADERS.manageInventory}\n${row(HEADERS.manageInventory, { sku: 'A', fnsku: 'F', 'afn-fulfillable-quantity': 'ten' })}\n`);
    const text = await output(['check', '--adapter', 'reports', '--reports-dir', dir, '--lang', lang, '--audit-db', db()]);
    expect(text).toContain('inv.txt');
    const found = text.split('\n').filter((line) => englishWords(line).length > 0).map((line) => `${line}  ← ${englishWords(line).join(' ')}`);
    expect(found).toEqual([]);
  });

  it('the parser\'s own errors and help', async () => {
    const texts = [
      await output(['chek', '--lang', lang]),
      await output(['check', '--frobnicate', '--lang', lang]),
      await output(['check', '--adapter', 'foo', '--lang', lang]),
      await output(['audit', 'show', '--lang', lang]),
      await output(['check', '--as-of', '--lang', lang]),
      await output(['fix', '--lang', lang]),
      await output(['check', '--help', '--lang', lang]),
      await output(['audit', 'export', '--help', '--lang', lang]),
    ];
    const found = texts.flatMap((text) => text.split('\n').filter((line) => englishWords(line).length > 0).map((line) => `${line}  ← ${englishWords(line).join(' ')}`));
    expect(found).toEqual([]);
  });
});
