// The Date Range transaction report (CSV, a preamble before its header) answers hidden-charges
// and lists the chargebacks and A-to-z payments it shows under claims (issue 17).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createReportsAdapter } from '../../src/adapters/reports/reports-adapter.js';
import { parseDateRangeAmount, parseDateRangeDay } from '../../src/adapters/reports/date-range-report.js';
import { scanReportsFolder } from '../../src/adapters/reports/reports-folder.js';
import type { CheckId } from '../../src/core/check-result.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { CliError } from '../../src/errors.js';
import { reportGuide } from '../../src/render/report-guide.js';
import { csvLine, DATE_RANGE_PREAMBLE, dateRangeLines, HEADERS, readySellerReports, writeReport, type WriteOptions } from '../helpers/report-fixtures.js';
import { t } from '../helpers/records.js';

const AS_OF = '2026-11-26';
const NOW = new Date(`${AS_OF}T12:00:00Z`);
const ALL = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims', 'balance', 'marketplaces']);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const sale = (time: string, total = '7.40') => ({ 'date/time': time, 'settlement id': '12345678901', type: 'Order', 'order id': '111-1111111-0000001', sku: 'MP-1', description: 'Ceramic mug', quantity: '1', marketplace: 'amazon.com', fulfillment: 'Amazon', 'product sales': '12.50', 'selling fees': '-1.88', 'fba fees': '-3.22', total });
const fee = (time: string, type: string, description: string, total: string) => ({ 'date/time': time, 'settlement id': '12345678901', type, description, total });
/** Reaches back past the 60 days: a sale on 1 Sep 2026. */
const OLD_SALE = sale('Sep 1, 2026 9:15:02 AM PDT');

function folderWith(lines: string[], options: WriteOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'date-range-'));
  dirs.push(dir);
  readySellerReports(dir);
  writeReport(dir, 'DateRange_2026Sep1-2026Nov25CustomTransaction.csv', lines, options);
  return dir;
}

async function checks(dir: string, attested: ReadonlySet<CheckId> = ALL) {
  const source = await createReportsAdapter({ dir, encoding: null, t, warn: () => {}, now: NOW, asOf: AS_OF });
  const readiness = await evaluateReadiness(source, { asOf: AS_OF, t, attested });
  return Object.fromEntries(readiness.checks.map((c) => [c.id, c]));
}

async function refusal(dir: string): Promise<CliError> {
  try {
    await checks(dir);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('Date Range report: recognised by its header after the preamble', () => {
  it('is found, listed by `reports` with where it is in Seller Central', async () => {
    const dir = folderWith(dateRangeLines([OLD_SALE]));
    const folder = await scanReportsFolder(dir, null, t);
    expect(folder.skipped).toEqual([]);
    const guide = reportGuide(folder, AS_OF, t).find((r) => r.kind === 'date-range')!;
    expect(guide.where).toContain('Date Range Reports');
    expect(guide.files.map((f) => f.name)).toEqual(['DateRange_2026Sep1-2026Nov25CustomTransaction.csv']);
  });

  it('the help page\'s spelling of the names ("Date / Time", "Settlement ID") is the same header', async () => {
    const header = HEADERS.dateRange.split('\t').map((name) => (name === 'date/time' ? 'Date / Time' : name.replace(/\b\w/g, (c) => c.toUpperCase())));
    const lines = dateRangeLines([], header);
    lines.push(csvLine(header.map((name) => ({ 'Date / Time': 'Sep 1, 2026 9:15:02 AM PDT', Type: 'Order', Description: 'Mug', Total: '7.40', 'Settlement Id': '1' })[name] ?? '')));
    // A row inside the 60 days too: rows that all end before them show nothing of them.
    lines.push(csvLine(header.map((name) => ({ 'Date / Time': 'Nov 20, 2026 9:15:02 AM PST', Type: 'Order', Description: 'Mug', Total: '7.40', 'Settlement Id': '1' })[name] ?? '')));
    expect((await checks(folderWith(lines)))['hidden-charges']!.status).toBe('pass');
  });
});

describe('Date Range report: hidden-charges', () => {
  it('passes when it reaches back 60 days and shows no ads or subscription charge', async () => {
    const c = await checks(folderWith(dateRangeLines([OLD_SALE, sale('Nov 20, 2026 1:00:00 PM PST')])));
    expect(c['hidden-charges']).toMatchObject({ status: 'pass', basis: 'data' });
  });

  it('warns on Amazon Ads charges in the last 60 days and on subscription fees', async () => {
    const c = await checks(folderWith(dateRangeLines([OLD_SALE, fee('Nov 14, 2026 3:00:00 AM PST', 'Service Fee', 'Cost of Advertising', '-87.50'), fee('Nov 1, 2026 3:00:00 AM PDT', 'Service Fee', 'Subscription', '-39.99')])));
    expect(c['hidden-charges']).toMatchObject({ status: 'warn', count: 2 });
    expect(c['hidden-charges']!.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'ads', amount: -87.5, postedOn: '2026-11-14' }), expect.objectContaining({ kind: 'subscription', amount: -39.99 })]));
  });

  it('an ads charge older than 60 days does not warn', async () => {
    const c = await checks(folderWith(dateRangeLines([OLD_SALE, fee('Sep 2, 2026 3:00:00 AM PDT', 'Service Fee', 'Cost of Advertising', '-87.50'), sale('Nov 20, 2026 1:00:00 PM PST')])));
    expect(c['hidden-charges']!.status).toBe('pass');
  });

  it('is unknown when the report does not reach back 60 days, or has a type it does not know', async () => {
    expect((await checks(folderWith(dateRangeLines([sale('Nov 20, 2026 1:00:00 PM PST')]))))['hidden-charges']!.status).toBe('unknown');
    expect((await checks(folderWith(dateRangeLines([]))))['hidden-charges']!.status).toBe('unknown');
    expect((await checks(folderWith(dateRangeLines([OLD_SALE, fee('Nov 2, 2026 3:00:00 AM PST', 'Something New', 'Mystery', '-5.00')]))))['hidden-charges']!.status).toBe('unknown');
    // A blank or damaged description could have been "Cost of Advertising".
    for (const description of ['', 'Cost of Adv\u0001rtising']) {
      expect((await checks(folderWith(dateRangeLines([OLD_SALE, fee('Nov 2, 2026 3:00:00 AM PST', 'Service Fee', description, '-87.50')]))))['hidden-charges']!.status).toBe('unknown');
    }
  });
});

describe('Date Range report: claims Amazon decided are listed before the seller confirms', () => {
  it('a chargeback and an A-to-z payment inside the 90 days: listed, confirmation on both; never overridden into silence', async () => {
    const lines = dateRangeLines([OLD_SALE, { ...fee('Oct 30, 2026 3:00:00 AM PDT', 'Chargeback Refund', 'Ceramic mug', '-12.50'), 'order id': '111-2222222-0000009' }, { ...fee('Nov 3, 2026 3:00:00 AM PST', 'A-to-z Guarantee Refund', 'Ceramic mug', '-12.50'), 'order id': '111-3333333-0000003' }]);
    const confirmed = (await checks(folderWith(lines)))['claims']!;
    expect(confirmed).toMatchObject({ status: 'manual', confirmed: true, basis: 'both', count: 2 });
    expect(confirmed.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'chargeback', orderId: '111-2222222-0000009' }), expect.objectContaining({ kind: 'a-to-z', orderId: '111-3333333-0000003' })]));
    const asked = (await checks(folderWith(lines), new Set()))['claims']!;
    expect(asked).toMatchObject({ status: 'manual', confirmed: false, basis: 'none', count: 2 });
  });
});

describe('Date Range report: meaning-keeping forms keep the answer', () => {
  const lines = dateRangeLines([OLD_SALE, fee('Nov 14, 2026 3:00:00 AM PST', 'Service Fee', 'Cost of Advertising', '-1,087.50'), { ...fee('Oct 30, 2026 3:00:00 AM PDT', 'Chargeback Refund', 'Mug "Deluxe", blue', '-12.50'), 'order id': '111-2222222-0000009' }]);
  it.each<[string, WriteOptions]>([
    ['LF', {}],
    ['CRLF', { crlf: true }],
    ['a BOM', { bom: true }],
    ['Windows-1252', { encoding: 'windows-1252' }],
    ['gzip', { gzip: true }],
  ])('%s', async (_, options) => {
    const expected = await checks(folderWith(lines));
    expect(expected['hidden-charges']).toMatchObject({ status: 'warn', items: [expect.objectContaining({ amount: -1087.5 })] });
    const got = await checks(folderWith(lines, options));
    expect(got['hidden-charges']).toEqual(expected['hidden-charges']);
    expect(got['claims']).toEqual(expected['claims']);
  });

  it('CR alone, and columns in another order', async () => {
    const expected = await checks(folderWith(lines));
    const dir = folderWith([]);
    writeFileSync(join(dir, 'cr.csv'), `${lines.join('\r')}\r`);
    rmSync(join(dir, 'DateRange_2026Sep1-2026Nov25CustomTransaction.csv'));
    expect((await checks(dir))['hidden-charges']!.items).toEqual(expected['hidden-charges']!.items);
    const header = HEADERS.dateRange.split('\t').reverse();
    const reversed = dateRangeLines([OLD_SALE, fee('Nov 14, 2026 3:00:00 AM PST', 'Service Fee', 'Cost of Advertising', '-1,087.50'), { ...fee('Oct 30, 2026 3:00:00 AM PDT', 'Chargeback Refund', 'Mug "Deluxe", blue', '-12.50'), 'order id': '111-2222222-0000009' }], header);
    const got = await checks(folderWith(reversed));
    expect(got['hidden-charges']!.items).toEqual(expected['hidden-charges']!.items);
    expect(got['claims']!.items).toEqual(expected['claims']!.items);
  });
});

describe('Date Range report: what cannot be accounted for is an input error with file and line', () => {
  const name = 'DateRange_2026Sep1-2026Nov25CustomTransaction.csv';
  it.each([
    ['a comma decimal', { ...OLD_SALE, total: '7,4' }],
    ['a currency sign', { ...OLD_SALE, total: '$7.40' }],
    ['a blank total', { ...OLD_SALE, total: '' }],
    ['an unreadable date', { ...OLD_SALE, 'date/time': '31 Foo 2026' }],
  ])('%s', async (_, values) => {
    const error = await refusal(folderWith(dateRangeLines([values])));
    expect(error.message).toContain(`${name}, line ${DATE_RANGE_PREAMBLE.length + 2}`);
  });

  it('a quote that does not close', async () => {
    const lines = dateRangeLines([OLD_SALE]);
    lines[lines.length - 1] = lines[lines.length - 1]!.replace('"Ceramic mug"', '"Ceramic mug');
    expect((await refusal(folderWith(lines))).message).toContain(`line ${DATE_RANGE_PREAMBLE.length + 2}`);
  });

  it('a file cut off in its last row', async () => {
    const dir = folderWith(dateRangeLines([OLD_SALE, fee('Nov 14, 2026 3:00:00 AM PST', 'Service Fee', 'Cost of Advertising', '-87.50')]));
    const path = join(dir, name);
    writeFileSync(path, readFileSync(path).subarray(0, -12));
    const error = await refusal(dir);
    expect(error.message).toContain(name);
    // What to do names the CSV it is, not a tab-delimited text file (att-x-3).
    expect(error.hint).toBe(t('error.report-download-again-csv'));
    expect(error.hint).not.toContain('tab-delimited');
  });
});

describe('Date Range report: an error in its header names the header\'s line (after the preamble) and the CSV to download again', () => {
  const name = 'DateRange_2026Sep1-2026Nov25CustomTransaction.csv';
  const header = HEADERS.dateRange.split('\t');
  it.each([
    ['a column twice', [...header, 'total'], /the column "total" appears twice/],
    ['a damaged column name', header.map((h) => (h === 'sku' ? 'sku\u0007' : h)), /the column name "sku\\u0007" is damaged/],
  ])('%s', async (_, columns, said) => {
    const error = await refusal(folderWith(dateRangeLines([OLD_SALE], columns)));
    expect(error.message).toMatch(said);
    expect(error.message).toContain(`${name}, line ${DATE_RANGE_PREAMBLE.length + 1}:`);
    expect(error.hint).toBe(t('error.report-download-again-csv'));
  });
});

describe('Date Range values', () => {
  it.each([
    ['Nov 1, 2026 12:34:56 AM PDT', '2026-11-01'],
    ['Sep 30, 2026 11:59:59 PM PDT', '2026-09-30'],
    ['1 Nov 2026 00:34:56 GMT+00:00', '2026-11-01'],
    ['2026-11-01T08:00:00+00:00', '2026-11-01'],
  ])('%s is %s', (text, day) => expect(parseDateRangeDay(text)).toBe(day));
  it('refuses an impossible day', () => expect(() => parseDateRangeDay('Feb 30, 2026 1:00:00 AM PST')).toThrow());
  it.each([
    ['1,234.56', 1234.56],
    ['-39.99', -39.99],
    ['0', 0],
  ])('amount %s', (text, value) => expect(parseDateRangeAmount(text)).toBe(value));
  it.each(['1.234,56', '12,34', '1,23,456.00', '--1'])('refuses %s', (text) => expect(() => parseDateRangeAmount(text)).toThrow());
});

describe('Date Range report: rows that end before the 60 days (outside attack, att-x-3)', () => {
  it('a report generated for a range that ended long ago cannot pass hidden-charges, however fresh the file', async () => {
    const c = await checks(folderWith(dateRangeLines([OLD_SALE, sale('Sep 20, 2026 9:15:02 AM PDT')])));
    expect(c['hidden-charges']!.status).toBe('unknown');
    expect(JSON.stringify(c['hidden-charges'])).toContain('2026-09-20');
  });
});

describe('Date Range reports for overlapping ranges (outside attack, att-x-3)', () => {
  it('a row two reports share is one charge and one claim, not two; a row a file repeats stays', async () => {
    const ads = fee('Nov 14, 2026 3:00:00 AM PST', 'Service Fee', 'Cost of Advertising', '-87.50');
    const chargeback = { ...fee('Nov 2, 2026 3:00:00 AM PST', 'Chargeback Refund', 'Chargeback', '-12.00'), 'order id': '111-1111111-0000005' };
    const dir = folderWith(dateRangeLines([OLD_SALE, ads, chargeback]));
    writeReport(dir, 'DateRange_2026Oct1-2026Nov25CustomTransaction.csv', dateRangeLines([ads, chargeback, sale('Nov 20, 2026 1:00:00 PM PST')]));
    const c = await checks(dir);
    expect(c['hidden-charges']).toMatchObject({ status: 'warn', count: 1 });
    expect(c.claims!.items).toHaveLength(1);
    const twice = await checks(folderWith(dateRangeLines([OLD_SALE, ads, ads])));
    expect(twice['hidden-charges']).toMatchObject({ count: 2 });
  });
});

describe('Date Range report: a claim type spelt another way (outside attack, att-x-3)', () => {
  it('is still listed under claims (and its unknown type still keeps hidden-charges from passing)', async () => {
    const c = await checks(folderWith(dateRangeLines([OLD_SALE, { ...fee('Nov 2, 2026 3:00:00 AM PST', 'A-to-z Guarantee Claim Refund', 'A-to-z claim', '-25.00'), 'order id': '111-1111111-0000007' }, sale('Nov 20, 2026 1:00:00 PM PST')])));
    expect(c.claims!.items).toEqual([expect.objectContaining({ kind: 'a-to-z', orderId: '111-1111111-0000007' })]);
    expect(c['hidden-charges']!.status).toBe('unknown');
  });
});

describe("Date Range report: an order's description is its product's title (outside attack, att-x-3)", () => {
  it('a sale of an "Advertising Banner Stand" or a "Magazine Subscription Gift Card" is no Amazon Ads charge or subscription fee', async () => {
    const c = await checks(folderWith(dateRangeLines([OLD_SALE, { ...sale('Nov 20, 2026 1:00:00 PM PST'), description: 'Advertising Banner Stand, 2 m' }, { ...sale('Nov 21, 2026 1:00:00 PM PST'), type: 'Refund', description: 'Magazine Subscription Gift Card', total: '-7.40' }])));
    expect(c['hidden-charges']).toMatchObject({ status: 'pass' });
  });
});

describe('a Date Range report cut off before its header (outside attack, att-x-3)', () => {
  it('beside a good one, keeps hidden-charges from passing: it may have held the charges the other does not', async () => {
    const dir = folderWith(dateRangeLines([OLD_SALE, sale('Nov 20, 2026 1:00:00 PM PST')]));
    expect((await checks(dir))['hidden-charges']!.status).toBe('pass');
    writeReport(dir, 'DateRange_2026Nov1-2026Nov25CustomTransaction.csv', DATE_RANGE_PREAMBLE.slice(0, 2));
    expect((await checks(dir))['hidden-charges']!.status).toBe('unknown');
  });
});

describe('a Date Range report whose header cannot be read (a column name damaged)', () => {
  // Its rows may hold a chargeback: the claims sentence must not read as if the data held none
  // without saying this file was not read, and hidden-charges names it rather than "no report".
  it.each([
    ['a name changed', 'tyqe'],
    ['a control character in a name', 'ty\u0001e'],
    ['a name blanked', ''],
  ])('%s: claims and hidden-charges name the file set aside', async (_, damaged) => {
    const header = HEADERS.dateRange.split('\t').map((name) => (name === 'type' ? damaged : name));
    const chargeback = { ...fee('Nov 20, 2026 1:00:00 AM PST', 'Chargeback Refund', 'Ceramic mug', '-5.00'), 'order id': '111-2222222-0000009' };
    const found = await checks(folderWith(dateRangeLines([OLD_SALE, chargeback], header)));
    expect(found['claims']!.summary).toContain('DateRange_2026Sep1-2026Nov25CustomTransaction.csv');
    expect(found['hidden-charges']).toMatchObject({ status: expect.not.stringMatching(/^pass$/) });
    expect(found['hidden-charges']!.summary).toContain('DateRange_2026Sep1-2026Nov25CustomTransaction.csv');
  });
});
