// A corpus of hand-made bad inputs, each with the exact outcome it gets: refused with a clear
// error and exit 2 (what went wrong, where, how to fix), or read and said (a warning), never a
// crash, a stack trace or a hang.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createReportsAdapter } from '../../src/adapters/reports/reports-adapter.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { CliError } from '../../src/errors.js';
import { main } from '../../src/main.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { t } from '../helpers/records.js';
import { HEADERS, readySellerReports, row, writeReport, ZERO_STOCK } from '../helpers/report-fixtures.js';

interface Case {
  name: string;
  /** Builds the input in `dir`; returns the command line. */
  setup: (dir: string) => string[];
  code: number;
  /** What stderr must say (the first line of the error, or the warning). */
  says: string | RegExp;
}

const reports = (dir: string) => ['check', '--adapter', 'reports', '--reports-dir', join(dir, 'r'), '--attest', 'all'];
/** A folder of good reports plus one bad file. */
function withFile(dir: string, name: string, content: Buffer | string): string[] {
  mkdirSync(join(dir, 'r'), { recursive: true });
  readySellerReports(join(dir, 'r'));
  writeFileSync(join(dir, 'r', name), content);
  return reports(dir);
}
const inventoryRow = (qty: string) => `${HEADERS.manageInventory}\n${row(HEADERS.manageInventory, { sku: 'A', fnsku: 'F', 'afn-fulfillable-quantity': qty })}\n`;
const ordersRow = (date: string) => `${HEADERS.allOrders}\n${row(HEADERS.allOrders, { 'amazon-order-id': '111-1', 'purchase-date': date, 'order-status': 'Shipped', 'sales-channel': 'Amazon.com' })}\n`;
const config = (dir: string, text: string | Buffer) => {
  writeFileSync(join(dir, 'config.json'), text);
  return ['check', '--config', join(dir, 'config.json')];
};
const plan = (dir: string, text: string) => {
  writeFileSync(join(dir, 'plan.json'), text);
  return ['submit', '--plan', join(dir, 'plan.json'), '--confirm', 'A2DEMO5ELLER7Q'];
};

const CASES: Case[] = [
  // Report files: values that are not values
  { name: 'a quantity that is a word', setup: (d) => withFile(d, 'inv.txt', inventoryRow('ten')), code: 2, says: /inv\.txt, line 2, column "afn-fulfillable-quantity": found "ten", expected a whole number of units, or blank\./ },
  { name: 'a negative quantity', setup: (d) => withFile(d, 'inv.txt', inventoryRow('-3')), code: 2, says: /found "-3", expected a whole number of units/ },
  { name: 'a fractional quantity', setup: (d) => withFile(d, 'inv.txt', inventoryRow('1.5')), code: 2, says: /found "1\.5", expected a whole number/ },
  { name: 'a quantity in exponent form', setup: (d) => withFile(d, 'inv.txt', inventoryRow('1e3')), code: 2, says: /found "1e3"/ },
  { name: 'a quantity with a NUL byte', setup: (d) => withFile(d, 'inv.txt', inventoryRow('1\u0000')), code: 2, says: 'line 2, column "afn-fulfillable-quantity": found "1\\u0000"' },
  { name: 'a quantity with thousands separators', setup: (d) => withFile(d, 'inv.txt', inventoryRow('1,000')), code: 2, says: /found "1,000"/ },
  { name: 'a date that is a word', setup: (d) => withFile(d, 'orders.txt', ordersRow('yesterday')), code: 2, says: /orders\.txt, line 2, column "purchase-date": found "yesterday", expected a date/ },
  { name: 'the 30th of February', setup: (d) => withFile(d, 'orders.txt', ordersRow('2026-02-30T10:00:00+00:00')), code: 2, says: /found "2026-02-30T10:00:00\+00:00"/ },
  { name: 'hour 25', setup: (d) => withFile(d, 'orders.txt', ordersRow('2026-02-10T25:00:00Z')), code: 2, says: /found "2026-02-10T25:00:00Z"/ },
  { name: 'month 13 in a slashed date', setup: (d) => withFile(d, 'orders.txt', ordersRow('31/13/2026')), code: 2, says: /found "31\/13\/2026"/ },
  { name: 'an unknown time zone', setup: (d) => withFile(d, 'orders.txt', ordersRow('2026-02-10 10:00:00 XYZ')), code: 2, says: /found "2026-02-10 10:00:00 XYZ"/ },
  { name: 'a blank purchase date', setup: (d) => withFile(d, 'orders.txt', ordersRow('')), code: 2, says: /column "purchase-date": found "", expected a date/ },
  { name: 'a removal date in no known form', setup: (d) => withFile(d, 'rm.txt', `${HEADERS.removalOrders}\n${row(HEADERS.removalOrders, { 'request-date': 'Feb 30', 'order-id': 'R', 'order-type': 'Return', 'order-status': 'Pending', 'in-process-quantity': '1' })}\n`), code: 2, says: /column "request-date": found "Feb 30"/ },
  { name: 'a return date in no known form', setup: (d) => withFile(d, 'ret.txt', `${HEADERS.returns}\n${row(HEADERS.returns, { 'Order ID': '1', 'Return request date': '31-Foo-2026', 'Return request status': 'Approved' })}\n`), code: 2, says: /column "return request date": found "31-Foo-2026"/ },
  { name: 'a recognised report without a needed column', setup: (d) => withFile(d, 'rm.txt', 'order-id\torder-type\tin-process-quantity\n'), code: 2, says: /rm\.txt, line 1: the header lacks request-date, order-status\./ },
  // Report files: broken containers
  { name: 'a truncated gzip', setup: (d) => withFile(d, 'o.txt.gz', gzipSync(Buffer.from(ordersRow('2026-01-01T00:00:00Z').repeat(200))).subarray(0, 60)), code: 2, says: /o\.txt\.gz is a damaged or truncated gzip file/ },
  { name: 'a gzip with a corrupt body', setup: (d) => { const z = gzipSync(Buffer.from(ordersRow('2026-01-01T00:00:00Z'))); z.fill(0x55, 10, 20); return withFile(d, 'o.gz', z); }, code: 2, says: /o\.gz is a damaged or truncated gzip file/ },
  // An empty file may be a report whose download failed: no check a report bears on passes.
  { name: 'a gzip of nothing', setup: (d) => withFile(d, 'empty.gz', gzipSync(Buffer.alloc(0))), code: 3, says: /Skipped empty\.gz: it is empty\./ },
  // Report files: not reports
  { name: 'a binary file', setup: (d) => withFile(d, 'photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0x0a, 0, 0, 9, 9])), code: 0, says: /Skipped photo\.jpg: its header is not one of the reports/ },
  { name: 'NUL bytes throughout', setup: (d) => withFile(d, 'nul.txt', Buffer.alloc(4096)), code: 3, says: /Skipped nul\.txt: it is empty\./ },
  { name: 'a UTF-16 file', setup: (d) => withFile(d, 'u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADERS.allOrders, 'utf16le')])), code: 2, says: /u16\.txt, line 1: the file ends in the middle of a row/ },
  { name: 'a UTF-16 report (Excel "Unicode Text")', setup: (d) => withFile(d, 'u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADERS.manageInventory}\r\n${row(HEADERS.manageInventory, { sku: 'A', fnsku: 'F', ...ZERO_STOCK, 'afn-fulfillable-quantity': '3', 'afn-warehouse-quantity': '3', 'afn-total-quantity': '3' })}\r\n`, 'utf16le')])), code: 3, says: '' },
  // An All Orders report saved with commas: set aside, but its kind is told, so its checks cannot pass beside it.
  { name: 'a comma-separated file', setup: (d) => withFile(d, 'orders.csv', 'amazon-order-id,purchase-date,order-status\n1,2026-01-01,Shipped\n'), code: 3, says: /Skipped orders\.csv: its header is not one of the reports/ },
  { name: 'an empty file', setup: (d) => withFile(d, 'empty.txt', ''), code: 3, says: /Skipped empty\.txt: it is empty\./ },
  { name: 'a file of only line feeds', setup: (d) => withFile(d, 'blank.txt', '\n\n\n'), code: 3, says: /Skipped blank\.txt: it is empty\./ },
  { name: 'a 10 MB single line', setup: (d) => withFile(d, 'long.txt', 'x'.repeat(10 * 1024 * 1024)), code: 0, says: /Skipped long\.txt: its header is not one of the reports/ },
  // A report that cannot be read may hold what the others do not: no check it could bear on passes.
  { name: 'Japanese column names', setup: (d) => withFile(d, 'jp.txt', '注文番号\t購入日\t注文ステータス\n'), code: 3, says: /Skipped jp\.txt: its column names are in Japanese/ },
  { name: 'a symlink loop in the folder', setup: (d) => { const args = withFile(d, 'x.txt', ''); rmSync(join(d, 'r', 'x.txt')); symlinkSync(join(d, 'r', 'loop-b'), join(d, 'r', 'loop-a')); symlinkSync(join(d, 'r', 'loop-a'), join(d, 'r', 'loop-b')); return args; }, code: 3, says: /Skipped loop-a: it cannot be opened \(ELOOP\)/ },
  { name: 'a dangling symlink in the folder', setup: (d) => { const args = withFile(d, 'x.txt', ''); rmSync(join(d, 'r', 'x.txt')); symlinkSync(join(d, 'gone'), join(d, 'r', 'dangling')); return args; }, code: 3, says: /Skipped dangling: it cannot be opened \(ENOENT\)/ },
  // Report files: odd but readable
  { name: 'a header only', setup: (d) => { mkdirSync(join(d, 'r')); writeReport(join(d, 'r'), 'o.txt', [HEADERS.allOrders]); return reports(d); }, code: 3, says: '' },
  { name: 'a row with 10,000 columns', setup: (d) => withFile(d, 'wide.txt', `${HEADERS.allOrders}\n${row(HEADERS.allOrders, { 'amazon-order-id': '111-9', 'purchase-date': '2026-01-01T00:00:00Z', 'order-status': 'Shipped', 'sales-channel': 'Amazon.com' })}${'\tx'.repeat(10_000)}\n`), code: 0, says: '' },
  { name: 'a row of only tabs', setup: (d) => withFile(d, 'inv.txt', `${HEADERS.manageInventory}\n${'\t'.repeat(30)}\n`), code: 2, says: /inv\.txt, line 2: the row has 31 cells where the header has 21/ },
  { name: 'a file without a final line feed, its last row looking whole (cut in its last cell?)', setup: (d) => withFile(d, 'inv.txt', `${HEADERS.manageInventory}\n${row(HEADERS.manageInventory, { sku: 'A', fnsku: 'F', ...ZERO_STOCK })}`), code: 2, says: /inv\.txt, line 2: the file ends in the middle of a row/ },
  { name: 'a file cut off after a tab of its last row', setup: (d) => withFile(d, 'inv.txt', inventoryRow('0').trimEnd()), code: 2, says: /inv\.txt, line 2: the file ends in the middle of a row/ },
  { name: 'a subfolder among the reports', setup: (d) => { const args = withFile(d, 'x.txt', ''); rmSync(join(d, 'r', 'x.txt')); mkdirSync(join(d, 'r', 'old')); return args; }, code: 3, says: /Skipped old: it is a folder/ },
  // Folders and files that are not what they should be
  { name: 'a reports folder that is a file', setup: (d) => { writeFileSync(join(d, 'r'), 'x'); return reports(d); }, code: 2, says: /Cannot read the reports folder .*\/r \(ENOTDIR\)\./ },
  { name: 'a reports folder that does not exist', setup: (d) => reports(d), code: 2, says: /Cannot read the reports folder .*\/r \(ENOENT\)\./ },
  { name: 'a reports folder that is a symlink loop', setup: (d) => { symlinkSync(join(d, 'r2'), join(d, 'r')); symlinkSync(join(d, 'r'), join(d, 'r2')); return reports(d); }, code: 2, says: /Cannot read the reports folder .*\/r \(ELOOP\)\./ },
  { name: 'a config file that is a folder', setup: (d) => { mkdirSync(join(d, 'config.json')); return ['check', '--config', join(d, 'config.json')]; }, code: 2, says: /Cannot read the config file .*config\.json \(EISDIR\)\./ },
  { name: 'a config file that does not exist', setup: (d) => ['check', '--config', join(d, 'nope.json')], code: 2, says: /Cannot read the config file .*nope\.json \(ENOENT\)\./ },
  { name: 'a config file that is a symlink loop', setup: (d) => { symlinkSync(join(d, 'c2'), join(d, 'c1')); symlinkSync(join(d, 'c1'), join(d, 'c2')); return ['check', '--config', join(d, 'c1')]; }, code: 2, says: /Cannot read the config file .*c1 \(ELOOP\)\./ },
  // Config files
  { name: 'a config file that is not JSON', setup: (d) => config(d, 'adapter = demo\n'), code: 2, says: /config\.json, line 1: not valid JSON/ },
  { name: 'a config file cut short', setup: (d) => config(d, '{\n  "adapter": "demo",\n'), code: 2, says: /config\.json, line \d: not valid JSON/ },
  { name: 'an empty config file', setup: (d) => config(d, ''), code: 2, says: /config\.json, line 1: not valid JSON/ },
  { name: 'a config file that is an array', setup: (d) => config(d, '["demo"]'), code: 2, says: /config\.json, line 1: "\(file\)": / },
  { name: 'a config key misspelt', setup: (d) => config(d, '{\n  "adaptr": "demo"\n}'), code: 2, says: /config\.json, line 2: "adaptr": / },
  { name: 'a config value of the wrong type', setup: (d) => config(d, '{\n  "reportsDir": 42\n}'), code: 2, says: /config\.json, line 2: "reportsDir": / },
  { name: 'a config adapter that does not exist', setup: (d) => config(d, '{"adapter": "ftp"}'), code: 2, says: /config\.json, line 1: "adapter": / },
  { name: 'a config file with a BOM', setup: (d) => config(d, '\uFEFF{"demoScenario": "ready"}'), code: 3, says: '' },
  { name: 'a config file of binary bytes', setup: (d) => config(d, Buffer.from([0, 1, 2, 0xff, 0xfe])), code: 2, says: /config\.json, line 1: not valid JSON/ },
  // Plan files
  { name: 'a closure-request file that is not JSON', setup: (d) => plan(d, 'not json'), code: 2, says: /plan\.json is not a close-account closure-request file: Unexpected token/ },
  { name: 'a closure-request file of another kind', setup: (d) => plan(d, '{"kind": "terraform.plan"}'), code: 2, says: /plan\.json is not a close-account closure-request file: kind: / },
  { name: 'a closure-request file of another version', setup: (d) => plan(d, '{"kind": "close-account.plan", "version": 9}'), code: 2, says: /plan\.json is not a close-account closure-request file: version: / },
  { name: 'a closure-request file that is missing', setup: (d) => ['submit', '--plan', join(d, 'none.json'), '--confirm', 'A2DEMO5ELLER7Q'], code: 2, says: /Cannot read the closure-request file .*none\.json \(ENOENT\)\./ },
  // Flags
  { name: 'an as-of day that is not a day', setup: () => ['check', '--as-of', '2027-02-29'], code: 2, says: '--as-of wants a date as YYYY-MM-DD, e.g. 2027-03-01; got "2027-02-29".' },
  { name: 'an as-of day in another form', setup: () => ['check', '--as-of', '01/03/2027'], code: 2, says: /got "01\/03\/2027"/ },
  { name: 'an as-of flag without its day', setup: () => ['check', '--as-of'], code: 2, says: /The option --as-of needs a value/ },
  { name: 'an unknown option', setup: () => ['check', '--frobnicate'], code: 2, says: /Unknown option --frobnicate/ },
  { name: 'an unknown command', setup: () => ['close'], code: 2, says: /"close" is not a close-account command\. Did you mean close-account \w+\?/ },
  { name: 'an unknown language', setup: () => ['check', '--lang', 'tlh'], code: 2, says: 'Unknown language "tlh". Choose one of: en, zh-CN, ja.' },
  { name: 'an unknown encoding', setup: () => ['check', '--encoding', 'ebcdic'], code: 2, says: 'Unknown encoding "ebcdic". Choose one of: utf-8, windows-1252, shift_jis.' },
  { name: 'an unknown submitter', setup: () => ['submit', '--submitter', 'fax'], code: 2, says: /Unknown submitter "fax"/ },
  { name: 'a webhook URL that is not one', setup: () => ['submit', '--webhook-url', 'ftp://x'], code: 2, says: /--webhook-url wants an http\(s\) URL; got "ftp:\/\/x"\./ },
  { name: 'a max age that is not a number', setup: () => ['submit', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'other', '--email', 'a@b.co', '--confirm', 'A2DEMO5ELLER7Q', '--max-age', 'soon'], code: 2, says: /--max-age wants a number of hours/ },
  { name: 'an attestation of a data check', setup: () => ['check', '--attest', 'open-orders'], code: 2, says: /"open-orders" is not something you can confirm/ },
  { name: 'a seller ID too short', setup: () => ['check', '--seller-id', 'A1', '--reason', 'other', '--reason-text', 'x', '--email', 'a@b.co', '--json'], code: 3, says: '' },
];

describe('bad inputs, each with its exact outcome', () => {
  it('the corpus has at least 50 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(50));

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-input-'));
    const term = fakeTerminal({ env: { HOME: dir, XDG_DATA_HOME: dir } });
    const code = await main(c.setup(dir), term, { version: 'test' });
    const stderr = term.errors();
    expect(code, stderr).toBe(c.code);
    if (typeof c.says === 'string') expect(stderr).toContain(c.says);
    else expect(stderr).toMatch(c.says);
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(stderr).not.toContain('Something went wrong inside close-account');
  });

  it('a report file that disappears while being read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vanish-'));
    readySellerReports(dir);
    const adapter = await createReportsAdapter({ dir, encoding: null, t, warn: () => {}, now: new Date('2026-11-26T12:00:00Z') });
    rmSync(join(dir, 'inventory.txt'));
    const failure = await evaluateReadiness(adapter, { asOf: '2026-11-26', t, attested: new Set() }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(2);
    expect((failure as CliError).message).toBe(`Cannot read ${join(dir, 'inventory.txt')} (ENOENT).`);
  });
});
