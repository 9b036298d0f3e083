// Fail closed on what the folder holds but the adapter could not read: a file set aside (a
// damaged header, a report written in another form), a subfolder, a header name damaged. Each
// makes the checks that would have read it unknown, naming it, or stops the run; never a pass.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createReportsAdapter } from '../../src/adapters/reports/reports-adapter.js';
import type { CheckId } from '../../src/core/check-result.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { coverageOf, requiredCoverage } from '../../src/core/archive-coverage.js';
import { nearMissColumn, recogniseHeader } from '../../src/adapters/reports/report-kinds.js';
import { CliError } from '../../src/errors.js';
import { t } from '../helpers/records.js';
import { HEADERS, readySellerReports, row, writeReport } from '../helpers/report-fixtures.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const attested = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims', 'balance', 'marketplaces']);

/** A ready seller's folder plus what `add` puts in it, checked: each check by id, and the warnings. */
async function checkWith(add: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'set-aside-'));
  readySellerReports(dir);
  add(dir);
  const warnings: string[] = [];
  const source = await createReportsAdapter({ dir, encoding: null, t, warn: (m) => warnings.push(m), now: NOW });
  const readiness = await evaluateReadiness(source, { asOf: '2026-11-26', t, attested });
  return { byId: Object.fromEntries(readiness.checks.map((c) => [c.id, c])), warnings, dir };
}

/** An All Orders report whose purchase-date name was damaged (one byte): set aside, unread. */
const damagedOrders = (dir: string) =>
  writeReport(dir, 'orders-de.txt', [
    HEADERS.allOrders.replace('purchase-date', 'purchase-dat3'),
    row(HEADERS.allOrders, { 'amazon-order-id': '302-1', 'purchase-date': '2026-11-20T10:00:00+00:00', 'order-status': 'Pending', 'sales-channel': 'Amazon.de' }),
  ]);

describe('a file set aside', () => {
  it('makes every check that reads its kind unknown, naming it: the marketplaces and the listings per marketplace too', async () => {
    const { byId } = await checkWith(damagedOrders);
    for (const id of ['open-orders', 'last-sale-window', 'marketplaces', 'listings'] as const) {
      expect(byId[id]!.status, id).toBe('unknown');
      expect(byId[id]!.summary, id).toContain('orders-de.txt looks like an All Orders report but could not be read');
    }
  });
});

describe('a file whose name starts with a dot', () => {
  it('is read when its header is a report (a name tells nothing: Seller Central names downloads with numbers)', async () => {
    const { byId } = await checkWith((dir) =>
      writeReport(dir, '.orders-de.txt', [HEADERS.allOrders, row(HEADERS.allOrders, { 'amazon-order-id': '302-1', 'purchase-date': '2026-11-20T10:00:00+00:00', 'order-status': 'Pending', 'sales-channel': 'Amazon.de' })]),
    );
    expect(byId['open-orders']).toMatchObject({ status: 'fail', count: 1 });
  });

  it('is set aside, named, when it looks like a report', async () => {
    const { byId } = await checkWith((dir) => writeReport(dir, '.orders-de.txt', [HEADERS.allOrders.replace('purchase-date', 'purchase-dat3')]));
    expect(byId['open-orders']!.status).toBe('unknown');
    expect(byId['open-orders']!.summary).toContain('.orders-de.txt looks like an All Orders report but could not be read');
  });

  it('is left alone when it is not a report (a Finder or Explorer file, an empty marker)', async () => {
    const { byId, warnings } = await checkWith((dir) => {
      writeFileSync(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31, 0, 0, 0x10, 0, 0, 0, 8, 0]));
      writeFileSync(join(dir, '.localized'), '');
      writeFileSync(join(dir, '._29817364510.txt'), Buffer.from([0, 5, 0x16, 7, 0, 2, 0, 0, 0x4d, 0x61, 0x63, 0x20, 0x4f, 0x53, 0x20, 0x58]));
      mkdirSync(join(dir, '.Trashes'));
    });
    expect(warnings).toEqual([]);
    expect(byId['open-orders']!.status).toBe('pass');
  });
});

/** A tar archive of one file, as tar writes it: a 512-byte header (the name, then "ustar" at 257), the content padded to 512. */
function tarOf(name: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'latin1');
  header.write('0000644\0', 100, 'latin1');
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('ustar\x0000', 257, 'latin1');
  const body = Buffer.alloc(Math.ceil(content.length / 512) * 512);
  body.write(content, 0, 'latin1');
  return Buffer.concat([header, body, Buffer.alloc(1024)]);
}

describe('an archive or a spreadsheet in the reports folder', () => {
  it.each([
    ['a zip archive', 'reports.zip', Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.alloc(40, 0x5a)])],
    ['an Excel workbook (.xlsx, a zip)', 'orders.xlsx', Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00\x08\x00', 'latin1'), Buffer.from('[Content_Types].xml'), Buffer.alloc(20, 0x11)])],
    ['an old Excel workbook (.xls)', 'orders.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(40, 0)])],
    ['a 7-Zip archive', 'reports.7z', Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), Buffer.alloc(40, 0x33)])],
    // A report compressed by hand (bzip2, xz, zstd: their opening bytes as the tools write them), or packed with tar.
    ['a bzip2-compressed report', 'orders.txt.bz2', Buffer.concat([Buffer.from('BZh91AY&SY', 'latin1'), Buffer.from([0x94, 0xe0, 0xfb, 0x2d]), Buffer.alloc(40, 0x26)])],
    ['an xz-compressed report', 'orders.txt.xz', Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0, 0, 4, 0xe6, 0xd6, 0xb4, 0x46]), Buffer.alloc(40, 0x21)])],
    ['a zstd-compressed report', 'orders.txt.zst', Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x98, 0x4d, 0x03]), Buffer.alloc(40, 0x85)])],
    ['a tar archive (its first member not a report)', 'reports.tar', tarOf('notes.txt', 'hello\n')],
    ['a gzipped tar archive (.tar.gz)', 'reports.tar.gz', gzipSync(tarOf('notes.txt', 'hello\n'))],
  ])('%s may hold any report: named, and no check a report bears on passes', async (_name, file, bytes) => {
    const { byId, warnings } = await checkWith((dir) => writeFileSync(join(dir, file), bytes));
    expect(warnings).toContain(`Skipped ${file}: it is an archive or a spreadsheet (zip, xlsx, xls, 7z, rar, tar, bz2, xz, zst); close-account reads the reports as Seller Central's tab-delimited text files: extract them, or download them again as text.`);
    for (const id of ['open-orders', 'fba-inventory', 'listings', 'removal-orders', 'returns-refunds'] as const) {
      expect(byId[id]!.status, id).toBe('unknown');
      expect(byId[id]!.summary, id).toContain(`${file} is an archive or a spreadsheet, whose reports close-account does not read`);
    }
  });
});

describe('a report written in another form', () => {
  it.each([
    ['comma-separated', ','],
    ['semicolon-separated (a spreadsheet in a European locale)', ';'],
    ['tab-separated with every cell quoted', '\t'],
  ])('an All Orders report saved %s, without a preamble: its kind is named and its checks are unknown', async (_name, separator) => {
    const csv = (cells: string[]) => cells.map((cell) => `"${cell}"`).join(separator);
    const names = HEADERS.allOrders.split('\t');
    const { byId } = await checkWith((dir) =>
      writeReport(dir, 'orders.csv', [csv(names), csv(names.map((name) => ({ 'amazon-order-id': '302-1', 'purchase-date': '2026-11-20', 'order-status': 'Pending' })[name] ?? ''))]),
    );
    for (const id of ['open-orders', 'last-sale-window', 'marketplaces', 'listings'] as const) {
      expect(byId[id]!.status, id).toBe('unknown');
      expect(byId[id]!.summary, id).toContain('orders.csv looks like an All Orders report');
    }
    // The other checks have no reason to doubt their own reports.
    expect(byId['fba-inventory']!.status).toBe('pass');
  });
});

describe('a subfolder in the reports folder', () => {
  it('is named, and no check passes on what the reports beside it show', async () => {
    const { byId, warnings } = await checkWith((dir) => {
      mkdirSync(join(dir, 'older'));
      writeReport(join(dir, 'older'), 'orders.txt', [HEADERS.allOrders]);
    });
    expect(warnings).toContain('Skipped older: it is a folder; close-account reads only the files in the reports folder itself.');
    for (const id of ['open-orders', 'last-sale-window', 'marketplaces', 'listings', 'fba-inventory', 'removal-orders', 'returns-refunds'] as const) {
      expect(byId[id]!.status, id).toBe('unknown');
      expect(byId[id]!.summary, id).toContain('older is a folder, whose reports close-account does not read');
    }
  });

  it('the balance says it is a folder too, not a settlement report that could not be read', async () => {
    const { byId } = await checkWith((dir) => mkdirSync(join(dir, 'older')));
    expect(byId.balance!.status).toBe('unknown');
    expect(byId.balance!.summary).toContain('older is a folder, whose reports close-account does not read');
    expect(byId.balance!.summary).not.toContain('looks like');
  });
});

describe('a header name with a byte changed', () => {
  it.each([
    ['sales-channel', 'sales-channe1'],
    ['sales-channel', 'sales_channel'],
    ['sales-channel', 'sale-channel'],
  ])('an optional column (%s written %s) is not read as absent: the run stops naming it', async (name, damaged) => {
    // Read as absent, the orders would show no marketplace, and one All Listings file would pass the listings of three.
    const failure = await checkWith((dir) => {
      rmSync(join(dir, 'listings-ca.txt'));
      rmSync(join(dir, 'listings-mx.txt'));
      const orders = join(dir, '29817364510.txt');
      writeFileSync(orders, readFileSync(orders, 'utf8').replace(name, damaged));
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(2);
    expect((failure as CliError).message).toMatch(new RegExp(`29817364510\\.txt, line 1: the column "${damaged}" is not one close-account knows, but is close to "${name}", which it reads: a damaged header\\?`));
  });

  it('a damaged copy beside the column it was copied from is not ignored: which holds the truth cannot be told', async () => {
    const failure = await checkWith((dir) => {
      const orders = join(dir, '29817364510.txt');
      const lines = readFileSync(orders, 'utf8').trimEnd().split('\n');
      // Each row has its status twice, the second copy under a damaged name: it says Pending.
      writeFileSync(orders, `${lines.map((line, i) => `${line}\t${i === 0 ? 'order-statu5' : 'Pending'}`).join('\n')}\n`);
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).message).toMatch(/29817364510\.txt, line 1: the column "order-statu5" is not one close-account knows, but is close to "order-status", which it reads: a damaged header\?/);
  });

  it('no documented header is taken for a damaged one', () => {
    for (const header of Object.values(HEADERS)) {
      const names = header.split('\t');
      expect(nearMissColumn(recogniseHeader(names)!, names), header.slice(0, 40)).toBeNull();
    }
  });

  it('a column of the report close-account does not read, near one it does, is read as itself', async () => {
    // mfn-fulfillable-quantity is one step from afn-fulfillable-quantity, which the file has.
    const { byId } = await checkWith(() => {});
    expect(byId['fba-inventory']!.status).toBe('pass');
  });
});

describe('the only Returns report set aside', () => {
  it('the claims and returns checks say it could not be read, naming it, not that there is none', async () => {
    const { byId } = await checkWith((dir) => writeReport(dir, 'returns.txt', [HEADERS.returns.replace('Return request date', 'Return requesf date')]));
    const unread = 'returns.txt looks like a Returns report but could not be read';
    expect(byId.claims!.summary).toContain(unread);
    expect(byId['returns-refunds']).toMatchObject({ status: 'unknown' });
    expect(byId['returns-refunds']!.summary).toContain(unread);
    for (const id of ['claims', 'returns-refunds'] as const) expect(byId[id]!.summary, id).not.toContain('no Returns report');
  });
});

describe('two settlement reports of one moment', () => {
  const S = HEADERS.settlementV2;
  const settlement = (id: string, amount: string, from = '2026-11-01', to = '2026-11-15') => [
    S,
    row(S, { 'settlement-id': id, 'settlement-start-date': `${from} 07:00:00 UTC`, 'settlement-end-date': `${to} 07:00:00 UTC`, 'deposit-date': '2026-11-17 07:00:00 UTC', 'total-amount': amount, currency: 'USD' }),
    row(S, { 'settlement-id': id, 'transaction-type': 'Order', 'order-id': '111-1', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount, 'posted-date': '2026-11-10' }),
  ];

  it.each([
    ['the same period', '2026-11-01', '2026-11-15'],
    ['overlapping periods', '2026-11-08', '2026-11-15'],
  ])('with different settlement ids over %s: balance is unknown naming both files, neither silently taken as the last', async (_name, from, to) => {
    const { byId } = await checkWith((dir) => {
      writeReport(dir, 'settlement-a.txt', settlement('9101', '100.00'));
      writeReport(dir, 'settlement-b.txt', settlement('9102', '-50.00', from, to));
    });
    expect(byId.balance!.status).toBe('unknown');
    expect(byId.balance!.summary).toMatch(/settlement 9101 \(settlement-a\.txt\) and settlement 9102 \(settlement-b\.txt\) both cover/);
  });

  it('one settlement after the other (the next starts the day the last ends) is read as a series', async () => {
    const { byId } = await checkWith((dir) => {
      writeReport(dir, 'settlement-a.txt', settlement('9101', '-50.00'));
      writeReport(dir, 'settlement-b.txt', settlement('9102', '100.00', '2026-11-15', '2026-11-16'));
    });
    expect(byId.balance!.status).toBe('manual');
  });
});

describe('the marketplaces sold in, which the listings need', () => {
  const ORDERS = '29817364510.txt';
  /** The ready seller with only the US All Listings report, and the orders changed by `edit` (or none). */
  const oneListings = (edit: ((text: string) => string) | null) => (dir: string) => {
    rmSync(join(dir, 'listings-ca.txt'));
    rmSync(join(dir, 'listings-mx.txt'));
    if (edit) writeFileSync(join(dir, ORDERS), edit(readFileSync(join(dir, ORDERS), 'utf8')));
    else rmSync(join(dir, ORDERS));
  };
  const withoutColumn = (name: string) => (text: string) => {
    const at = text.split('\n')[0]!.split('\t').indexOf(name);
    return text.split('\n').map((line) => line.split('\t').filter((_, i) => i !== at).join('\t')).join('\n');
  };

  it.each<[string, ((text: string) => string) | null, RegExp]>([
    ['no All Orders report', null, /no All Orders report was read to show which marketplaces you sell in/],
    ['an All Orders report without the sales-channel column', withoutColumn('sales-channel'), /29817364510\.txt has no sales-channel column/],
    ['a sales channel close-account does not know', (text) => text.replace('Amazon.ca', 'Amazon.c0m').replace('Amazon.com.mx', 'Amazon.com'), /29817364510\.txt shows sales in "Amazon\.c0m", a sales channel close-account does not know/],
  ])('one All Listings report does not pass the listings when the marketplaces cannot be told: %s', async (_name, edit, says) => {
    const { byId } = await checkWith(oneListings(edit));
    expect(byId.listings!.status).toBe('unknown');
    expect(byId.listings!.summary).toMatch(says);
  });

  it('a sales channel close-account does not know keeps the marketplaces from passing', async () => {
    const { byId } = await checkWith(oneListings((text) => text.replace('Amazon.ca', 'Amazon.c0m').replace('Amazon.com.mx', 'Amazon.com')));
    expect(byId.marketplaces!.status).toBe('unknown');
    expect(byId.marketplaces!.summary).toContain('"Amazon.c0m"');
  });

  it('"Non-Amazon" (multi-channel fulfilment) is no marketplace, and leaves the listings to pass', async () => {
    const { byId } = await checkWith(oneListings((text) => text.replace('Amazon.ca', 'Non-Amazon').replace('Amazon.com.mx', 'Amazon.com')));
    expect(byId.listings!.status).toBe('pass');
    expect(byId.marketplaces!.status).toBe('pass');
  });
});

describe('the data export, whose tax documents depend on the regions sold in', () => {
  it('does not pass on an archive when no orders tell the regions: both regions\' documents are asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'set-aside-'));
    readySellerReports(dir);
    rmSync(join(dir, '29817364510.txt'));
    const source = await createReportsAdapter({ dir, encoding: null, t, warn: () => {}, now: NOW });
    const day = '2026-11-26';
    const required = requiredCoverage(day, []);
    const archive = { dir: '/archive', day, status: 'intact' as const, changed: [], coverage: coverageOf(required, required.map((r) => ({ kind: r.kind, period: r.period }))) };
    const readiness = await evaluateReadiness(source, { asOf: day, t, attested: new Set(), archive: async () => archive, statedSellerId: 'A2DEMO5ELLER7Q' });
    const dataExport = readiness.checks.find((c) => c.id === 'data-export')!;
    expect(dataExport.status).toBe('manual');
    expect(dataExport.summary).toContain('1099-K');
    expect(dataExport.summary).toContain(t('check.data-export.vat-invoices'));
  });
});

describe('a download that failed, saved under a report’s name', () => {
  it.each([
    ['a web page (Seller Central’s sign-in or error page)', 'orders.txt', '<!DOCTYPE html>\n<html lang="en"><head><title>Amazon Sign-In</title></head><body>Sign in</body></html>\n'],
    ['a web page without a doctype', 'Inventory.txt', '\ufeff<html>\n<body>Something went wrong</body></html>\n'],
    ['a storage service’s XML error (an expired download link)', 'returns.txt', '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>\n'],
    ['an API’s JSON error', 'listings.txt', '{"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied."}]}\n'],
  ])('%s may stand for any report: named, and no check a report bears on passes', async (_name, file, text) => {
    const { byId, warnings } = await checkWith((dir) => writeFileSync(join(dir, file), text));
    expect(warnings).toContain(`Skipped ${file}: it is a web page or an error message, not a report: a download that failed? Download the report again from Seller Central.`);
    for (const id of ['open-orders', 'fba-inventory', 'listings', 'removal-orders', 'returns-refunds'] as const) {
      expect(byId[id]!.status, id).toBe('unknown');
      expect(byId[id]!.summary, id).toContain(`${file} is a web page or an error message where a report was expected`);
    }
  });

  it('a text file of the seller’s own that is no report stays beside the reports, unread, and the checks still pass', async () => {
    const { byId, warnings } = await checkWith((dir) => writeFileSync(join(dir, 'notes.txt'), 'Things to do before closing\n- <b>ship</b> the last orders\n'));
    expect(warnings.some((w) => w.startsWith('Skipped notes.txt: its header is not one of the reports'))).toBe(true);
    expect(byId['open-orders']!.status).toBe('pass');
  });
});
