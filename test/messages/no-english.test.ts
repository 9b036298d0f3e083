// Everything a seller reads in Chinese or Japanese is in that language: what is left in Latin
// letters must be an id, a code, a command or flag, a file name, or Amazon's own English name.
// Each command's human output (and the parser's own errors and help) is searched.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../src/adapters/demo/demo-catalogue.js';
import { main } from '../../src/main.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

/** Amazon's own English names, and words that are names or codes rather than English. */
const ALLOWED = new Set(
  [
    'Amazon', 'Seller', 'Central', 'Selling', 'Partner', 'API', 'SP', 'FBA', 'SKU', 'SKUs', 'ASIN', 'SAFE', 'A-to-z', 'to', 'DEMO',
    'Login', 'with', 'LWA', 'JSON', 'CSV', 'HTML', 'UTC', 'ID', 'ok', 'Ctrl', 'PATH', 'URL', 'https', 'http', 'Maple', 'Pine', 'Home', 'Goods', 'demo',
    'Shipped', 'Unshipped', 'PartiallyShipped', 'Pending', 'Active', 'Inactive', 'Incomplete', 'MFN', 'AFN', 'Amazon.com', 'Amazon.ca', 'Amazon.com.mx',
    'Pending', 'Approval',
    // Command, situation and submitter names, language codes and streams: ids typed as they are.
    'check', 'submit', 'plan', 'fix', 'reports', 'status', 'audit', 'list', 'show', 'verify', 'export', 'listings', 'wizard',
    'blocked', 'waiting', 'ready', 'webhook', 'other', 'all', 'en', 'ja', 'zh', 'stdout', 'stderr', 'md', 'html', 'json', 'csv',
  ].map((w) => w.toLowerCase()),
);
/** The demo seller's own product names are the seller's data, not the interface's words. */
const PRODUCT_NAMES = DEMO_PRODUCTS.map((p) => p.name);

/** Latin words a seller would read as English, after ids, codes, commands and names are set aside. */
function englishWords(text: string): string[] {
  const stripped = PRODUCT_NAMES.reduce((rest, name) => rest.replaceAll(name, ' '), text)
    // eslint-disable-next-line no-control-regex -- colour codes
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/[“「"][^”」"\n]*[”」"]/g, ' ') // what the seller typed, quoted back
    .replace(/<[\w-]+>/g, ' ') // placeholders in usage lines: --adapter <name>
    .replace(/YYYY-MM-DD/g, ' ')
    .replace(/`[^`\n]*`/g, ' ') // commands quoted in backticks
    .replace(/close-account(?: [a-z-]+)*/g, ' ') // commands
    .replace(/--[a-z][a-z-]*(?:[ =](?:[A-Za-z0-9_./~-]+|"[^"]*"))?/g, ' ') // flags with their values
    .replace(/\b[A-Z][A-Z0-9_]{1,}\b/g, ' ') // environment variables, country codes, ids and codes in capitals
    .replace(/\b[a-z]+_[a-z_]+\b/g, ' ') // codes with underscores: shift_jis
    .replace(/\b(?:CR|run)-[\w-]+/g, ' ') // request and run ids
    .replace(/[\w.~-]*\/[\w./~ -]*/g, ' ') // paths
    .replace(/\b[\w-]+\.(?:db|json|txt|csv|ics|md|gz|html)\b/g, ' ') // file names
    .replace(/\b[a-z]+(?:-[a-z0-9]+)+\b/g, ' ') // ids: open-orders, stopped-selling, north-america
    .replace(/\b\w*\d\w*\b/g, ' ') // anything with a digit: SKUs, order numbers, references
    .replace(/\b[\w.+-]+@[\w.-]+\b/g, ' '); // email addresses
  return (stripped.match(/[A-Za-z][A-Za-z'.]*[A-Za-z]/g) ?? []).filter((w) => !ALLOWED.has(w.toLowerCase()));
}

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
      await output(['check', '--lang', lang, '--audit-db', path, '--demo-scenario', 'waiting']),
      await output(['check', '--lang', lang, '--audit-db', path, '--demo-scenario', 'ready']),
      await output(['plan', '--lang', lang, '--audit-db', path]),
      await output(['submit', '--lang', lang, '--audit-db', path, ...READY, '--confirm', 'A2DEMO5ELLER7Q']),
      await output(['status', '--lang', lang, '--audit-db', path]),
      await output(['audit', 'list', '--lang', lang, '--audit-db', path]),
      await output(['audit', 'verify', '--lang', lang, '--audit-db', path]),
    ];
    const runId = /run-[\dT]+-[0-9a-f]+/.exec(texts[6]!)![0];
    texts.push(await output(['audit', 'show', runId, '--lang', lang, '--audit-db', path]));
    const found = texts.flatMap((text) => text.split('\n').filter((line) => englishWords(line).length > 0).map((line) => `${line}  ← ${englishWords(line).join(' ')}`));
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
