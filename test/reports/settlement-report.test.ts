// The flat-file V2 settlement report answers `balance` (issue 17): what it shows wrong fails the
// check whatever is attested; what it shows clean is shown to the seller, who confirms the rest.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createReportsAdapter } from '../../src/adapters/reports/reports-adapter.js';
import type { CheckId } from '../../src/core/check-result.js';
import { evaluateReadiness, withConfirmations } from '../../src/core/readiness.js';
import { CliError } from '../../src/errors.js';
import { reportGuide } from '../../src/render/report-guide.js';
import { scanReportsFolder } from '../../src/adapters/reports/reports-folder.js';
import { HEADERS, readySellerReports, row, writeReport, type WriteOptions } from '../helpers/report-fixtures.js';
import { t } from '../helpers/records.js';

const AS_OF = '2026-11-26';
const NOW = new Date(`${AS_OF}T12:00:00Z`);
const ALL = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims', 'balance', 'marketplaces']);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const S = HEADERS.settlementV2;
const total = (id: string, start: string, end: string, deposit: string, amount: string, currency = 'USD') =>
  row(S, { 'settlement-id': id, 'settlement-start-date': `${start} 07:00:00 UTC`, 'settlement-end-date': `${end} 07:00:00 UTC`, 'deposit-date': `${deposit} 07:00:00 UTC`, 'total-amount': amount, currency });
const line = (id: string, type: string, amountType: string, description: string, amount: string) =>
  row(S, { 'settlement-id': id, 'transaction-type': type, 'order-id': type === 'Order' ? '111-1111111-0000001' : '', 'amount-type': amountType, 'amount-description': description, amount, 'posted-date': '2026-11-10' });
const sale = (id: string, amount: string) => line(id, 'Order', 'ItemPrice', 'Principal', amount);

function folderWith(lines: string[], options: WriteOptions = {}, attested: ReadonlySet<CheckId> = ALL) {
  const dir = mkdtempSync(join(tmpdir(), 'settlement-'));
  dirs.push(dir);
  readySellerReports(dir);
  writeReport(dir, '50012345678.txt', lines, options);
  return { dir, attested };
}

async function balanceOf({ dir, attested }: { dir: string; attested: ReadonlySet<CheckId> }) {
  const source = await createReportsAdapter({ dir, encoding: null, t, warn: () => {}, now: NOW, asOf: AS_OF });
  const readiness = await evaluateReadiness(source, { asOf: AS_OF, t, attested });
  return { readiness, balance: readiness.checks.find((c) => c.id === 'balance')! };
}

async function refusal(folder: { dir: string; attested: ReadonlySet<CheckId> }): Promise<CliError> {
  try {
    await balanceOf(folder);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('settlement report: what it shows wrong fails balance, whatever is attested', () => {
  it('a negative total is money owed to Amazon', async () => {
    const { balance, readiness } = await balanceOf(folderWith([S, total('9001', '2026-11-01', '2026-11-15', '2026-11-17', '-42.10'), sale('9001', '-42.10')]));
    expect(balance).toMatchObject({ status: 'fail', basis: 'data', items: [{ currency: 'USD', amount: -42.1, reserved: 0 }] });
    expect(balance.summary).toContain('42.10 USD');
    expect(readiness.verdict).not.toBe('ready');
  });

  it('a reserve held back (any description naming a reserve) blocks, with no day it is released', async () => {
    for (const description of ['Current Reserve Amount', 'Reserve', 'Unavailable balance reserve']) {
      const { balance } = await balanceOf(folderWith([S, total('9002', '2026-11-01', '2026-11-15', '2026-11-17', '100.00'), sale('9002', '150.00'), line('9002', 'other-transaction', 'other-transaction', description, '-50.00')]));
      expect(balance).toMatchObject({ status: 'fail', clearsOn: null, items: [{ currency: 'USD', amount: 0, reserved: 50 }] });
    }
  });

  it('a negative total beside a reserve held says both, not "0 either way"', async () => {
    const { balance } = await balanceOf(folderWith([S, total('9013', '2026-11-01', '2026-11-15', '2026-11-17', '-42.10'), line('9013', 'other-transaction', 'other-transaction', 'Current Reserve Amount', '-42.10')]));
    expect(balance).toMatchObject({ status: 'fail', items: [{ amount: -42.1, reserved: 42.1 }] });
    expect(balance.summary).toBe(t('check.balance.fail', { owedToSeller: '42.10 USD', owedBySeller: '42.10 USD' }));
  });

  it('the previous reserve released into this settlement is not money held', async () => {
    const { balance } = await balanceOf(folderWith([S, total('9003', '2026-11-01', '2026-11-15', '2026-11-17', '80.00'), line('9003', 'other-transaction', 'other-transaction', 'Previous Reserve Amount Balance', '80.00')]));
    expect(balance).toMatchObject({ status: 'manual', confirmed: true, basis: 'both' });
  });

  it('a payout not yet deposited by the as-of day defers the balance to its deposit day (clearsOn), and the closure date with it', async () => {
    const { balance, readiness } = await balanceOf(folderWith([S, total('9004', '2026-11-12', '2026-11-26', '2026-11-28', '310.00'), sale('9004', '310.00')]));
    expect(balance).toMatchObject({ status: 'fail', clearsOn: '2026-11-28' });
    expect(readiness.earliestCloseDate === null || readiness.earliestCloseDate >= '2026-11-28').toBe(true);
  });

  it('only the last settlement of each currency counts: an old negative one since paid off does not', async () => {
    const { balance } = await balanceOf(folderWith([S, total('8001', '2026-10-01', '2026-10-15', '2026-10-17', '-10.00'), sale('8001', '-10.00'), total('8002', '2026-10-15', '2026-11-15', '2026-11-17', '25.00'), sale('8002', '25.00')]));
    expect(balance.status).toBe('manual');
    // A negative last settlement in another currency still fails.
    const { balance: two } = await balanceOf(folderWith([S, total('8002', '2026-10-15', '2026-11-15', '2026-11-17', '25.00'), sale('8002', '25.00'), total('7001', '2026-10-15', '2026-11-15', '2026-11-17', '-5.00', 'CAD'), sale('7001', '-5.00')]));
    expect(two).toMatchObject({ status: 'fail', items: [{ currency: 'CAD', amount: -5 }] });
  });
});

describe('settlement report: clean, it is shown, then the seller confirms the rest (basis both)', () => {
  const clean = [S, total('9005', '2026-11-01', '2026-11-15', '2026-11-17', '1234.56'), sale('9005', '1234.56')];

  it('unconfirmed, the question comes after what the settlement shows', async () => {
    const { balance } = await balanceOf(folderWith(clean, {}, new Set()));
    expect(balance).toMatchObject({ status: 'manual', confirmed: false, basis: 'none' });
    expect(balance.summary).toContain('1,234.56 USD');
    expect(balance.summary).toContain('2026-11-15');
    expect(balance.summary.indexOf('1,234.56')).toBeLessThan(balance.summary.indexOf(t('confirm.balance.question')));
    // Two sentences, not one run into the next ("…since it ended Balance zero…", att-x-3).
    expect(balance.summary).toMatch(/ended\. Balance zero/);
  });

  it('--attest balance keeps the data sentence and rests on both; the wizard confirmation does the same', async () => {
    const attested = await balanceOf(folderWith(clean));
    expect(attested.balance).toMatchObject({ status: 'manual', confirmed: true, basis: 'both' });
    expect(attested.balance.summary).toContain('1,234.56 USD');
    const asked = await balanceOf(folderWith(clean, {}, new Set()));
    const confirmed = withConfirmations(asked.readiness, ['balance'], t).checks.find((c) => c.id === 'balance')!;
    expect(confirmed).toMatchObject({ confirmed: true, basis: 'both', summary: attested.balance.summary });
  });

  it('line endings, a BOM, Windows-1252 and column order keep the answer', async () => {
    const expected = (await balanceOf(folderWith(clean))).balance;
    const header = S.split('\t');
    const order = header.map((_, i) => i).reverse();
    const reversed = clean.map((l) => order.map((i) => l.split('\t')[i]).join('\t'));
    for (const options of [{ crlf: true }, { bom: true }, { encoding: 'windows-1252' as const }, { gzip: true }]) {
      expect((await balanceOf(folderWith(clean, options))).balance).toEqual(expected);
    }
    expect((await balanceOf(folderWith(reversed))).balance).toEqual(expected);
  });
});

describe('settlement report: what cannot be accounted for is an input error with file and line, or unknown', () => {
  it('a file cut off in its last row', async () => {
    const { dir, attested } = folderWith([S, total('9006', '2026-11-01', '2026-11-15', '2026-11-17', '-42.10')]);
    const path = join(dir, '50012345678.txt');
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(path, readFileSync(path).subarray(0, -3));
    const error = await refusal({ dir, attested });
    expect(error.message).toContain('50012345678.txt');
  });

  it.each([
    ['a comma decimal', '1.234,56'],
    ['a currency symbol', '$12.00'],
    ['a blank total row amount', ''],
  ])('%s in an amount', async (_, amount) => {
    const error = await refusal(folderWith([S, total('9007', '2026-11-01', '2026-11-15', '2026-11-17', '12.00'), sale('9007', amount)]));
    expect(error.message).toMatch(/50012345678\.txt.*\b3\b/s);
  });

  it('a blank or damaged amount description (it could have named a reserve)', async () => {
    for (const description of ['', 'Current Re\u0001serve Amount']) {
      const error = await refusal(folderWith([S, total('9008', '2026-11-01', '2026-11-15', '2026-11-17', '12.00'), line('9008', 'other-transaction', 'other-transaction', description, '-5.00')]));
      expect(error.message).toContain('50012345678.txt');
    }
  });

  it('two copies of one settlement that disagree: the error names both rows', async () => {
    const folder = folderWith([S, total('9011', '2026-11-01', '2026-11-15', '2026-11-17', '12.00')]);
    writeReport(folder.dir, '50012345679.txt', [S, total('9011', '2026-11-01', '2026-11-15', '2026-11-17', '21.00')]);
    const error = await refusal(folder);
    expect(error.message).toMatch(/50012345679\.txt.*\b2\b.*50012345678\.txt, line 2|50012345678\.txt.*\b2\b.*50012345679\.txt, line 2/s);
    const inOneFile = await refusal(folderWith([S, total('9012', '2026-11-01', '2026-11-15', '2026-11-17', '12.00'), total('9012', '2026-11-01', '2026-11-15', '2026-11-17', '12.50')]));
    expect(inOneFile.message).toMatch(/50012345678\.txt.*\b3\b.*50012345678\.txt, line 2/s);
  });

  it('transactions of a settlement whose total row is missing', async () => {
    const error = await refusal(folderWith([S, total('9009', '2026-11-01', '2026-11-15', '2026-11-17', '12.00'), line('9010', 'other-transaction', 'other-transaction', 'Current Reserve Amount', '-5.00')]));
    expect(error.message).toContain('50012345678.txt');
  });

  it('any transaction of a settlement whose total row is missing, not only a reserve: an older clean settlement never stands as the last', async () => {
    const error = await refusal(folderWith([S, total('9011', '2026-10-01', '2026-10-15', '2026-10-17', '0.00'), sale('9012', '25.00')]));
    expect(error.message).toContain('50012345678.txt');
    expect(error.message).toContain('9012');
  });

  it('a file with a header and no settlement row is unknown, not a confirmation', async () => {
    const { balance } = await balanceOf(folderWith([S]));
    expect(balance.status).toBe('unknown');
  });

  it('the old flat file (no amount-type) is a settlement look-alike: balance unknown, the removal check unharmed', async () => {
    const old = 'settlement-id	settlement-start-date	settlement-end-date	deposit-date	total-amount	currency	transaction-type	order-id	merchant-order-id	adjustment-id	shipment-id	marketplace-name	shipment-fee-type	shipment-fee-amount	order-fee-type	order-fee-amount	fulfillment-id	posted-date	order-item-code	merchant-order-item-id	merchant-adjustment-item-id	sku	quantity-purchased	price-type	price-amount';
    const { readiness, balance } = await balanceOf(folderWith([old]));
    expect(balance.status).toBe('unknown');
    expect(readiness.checks.find((c) => c.id === 'removal-orders')!.status).toBe('pass');
    // Said for what it is, with what to download instead, not "download it again" (att-x-3).
    expect(balance.summary).toContain(t('reports.old-settlement', { file: '50012345678.txt' }));
    const folder = await scanReportsFolder(folderWith([old]).dir, null, t);
    expect(folder.skipped).toEqual([expect.objectContaining({ name: '50012345678.txt', reason: 'old-settlement', kinds: ['settlement'] })]);
  });
});

describe('close-account reports lists the settlement report and where it is', () => {
  it('names it, says where in Seller Central, and finds the file by its header', async () => {
    const { dir } = folderWith([S, total('9011', '2026-11-01', '2026-11-15', '2026-11-17', '1.00'), sale('9011', '1.00')]);
    const guide = reportGuide(await scanReportsFolder(dir, null, t), AS_OF, t);
    const settlement = guide.find((r) => r.kind === 'settlement')!;
    expect(settlement.where).toContain('All Statements');
    expect(settlement.files.map((f) => f.name)).toEqual(['50012345678.txt']);
  });
});

describe('a binary file with no line break beside the reports', () => {
  it('is not taken for a settlement report cut off in its header (an audit database kept in the folder)', async () => {
    const { writeFileSync } = await import('node:fs');
    const folder = folderWith([S, total('9012', '2026-11-01', '2026-11-15', '2026-11-17', '1.00'), sale('9012', '1.00')]);
    writeFileSync(join(folder.dir, 'audit.db'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0), Buffer.from('CREATE TABLE records (id INTEGER)')]));
    expect((await balanceOf(folder)).balance).toMatchObject({ status: 'manual', basis: 'both' });
  });
});

describe('settlement report: a reserve wherever the file puts it (outside attack, att-x-3)', () => {
  const reserve = (id: string, column: 'amount-type' | 'amount-description') =>
    row(S, { 'settlement-id': id, 'transaction-type': 'other-transaction', 'amount-type': column === 'amount-type' ? 'Current Reserve Amount' : 'other-transaction', 'amount-description': column === 'amount-type' ? 'Other' : 'Current Reserve Amount', amount: '-50.00', 'posted-date': '2026-11-10' });

  it('a total row that also carries the reserve line (the layout is not confirmed) still holds it', async () => {
    const combined = row(S, { 'settlement-id': '9101', 'settlement-start-date': '2026-11-01 07:00:00 UTC', 'settlement-end-date': '2026-11-15 07:00:00 UTC', 'deposit-date': '2026-11-17 07:00:00 UTC', 'total-amount': '100.00', currency: 'USD', 'transaction-type': 'other-transaction', 'amount-type': 'other-transaction', 'amount-description': 'Current Reserve Amount', amount: '-50.00' });
    const { balance, readiness } = await balanceOf(folderWith([S, combined]));
    expect(balance).toMatchObject({ status: 'fail', items: [{ currency: 'USD', reserved: 50 }] });
    expect(readiness.verdict).not.toBe('ready');
  });

  it('a reserve named in amount-type rather than amount-description holds it too', async () => {
    const { balance } = await balanceOf(folderWith([S, total('9102', '2026-11-01', '2026-11-15', '2026-11-17', '0.00'), reserve('9102', 'amount-type')]));
    expect(balance).toMatchObject({ status: 'fail', items: [{ reserved: 50 }] });
  });

  it('two copies of one settlement file hold its reserve once (50.00, not 100.00)', async () => {
    const lines = [S, total('9103', '2026-11-01', '2026-11-15', '2026-11-17', '100.00'), reserve('9103', 'amount-description')];
    const folder = folderWith(lines);
    writeReport(folder.dir, '50012345678 (1).txt', lines);
    const { balance } = await balanceOf(folder);
    expect(balance).toMatchObject({ status: 'fail', items: [{ reserved: 50 }] });
    expect(balance.summary).toContain('50.00 USD');
  });

  it('a settlement split across two files adds its reserve rows up; a row one file repeats counts twice', async () => {
    const folder = folderWith([S, total('9104', '2026-11-01', '2026-11-15', '2026-11-17', '100.00'), line('9104', 'other-transaction', 'other-transaction', 'Current Reserve Amount', '-30.00')]);
    writeReport(folder.dir, '50012345678-part2.txt', [S, line('9104', 'other-transaction', 'other-transaction', 'Current Reserve Amount', '-20.00')]);
    expect((await balanceOf(folder)).balance).toMatchObject({ status: 'fail', items: [{ reserved: 50 }] });
    const repeated = line('9105', 'other-transaction', 'other-transaction', 'Current Reserve Amount', '-20.00');
    expect((await balanceOf(folderWith([S, total('9105', '2026-11-01', '2026-11-15', '2026-11-17', '100.00'), repeated, repeated]))).balance).toMatchObject({ items: [{ reserved: 40 }] });
  });
});

describe('settlement report: each EU marketplace settles on its own in euros (outside attack, att-x-3)', () => {
  const euTotal = (id: string, start: string, end: string, deposit: string, amount: string) => total(id, start, end, deposit, amount, 'EUR');
  const euSale = (id: string, marketplace: string, amount: string) =>
    row(S, { 'settlement-id': id, 'transaction-type': 'Order', 'order-id': '302-1111111-0000001', 'marketplace-name': marketplace, 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount, 'posted-date': '2026-11-10' });

  it("a later Amazon.de settlement does not hide the French one's money owed", async () => {
    const { balance, readiness } = await balanceOf(folderWith([
      S,
      euTotal('9201', '2026-11-01', '2026-11-15', '2026-11-17', '-42.10'), euSale('9201', 'Amazon.fr', '-42.10'),
      euTotal('9202', '2026-11-03', '2026-11-17', '2026-11-19', '10.00'), euSale('9202', 'Amazon.de', '10.00'),
    ]));
    expect(balance).toMatchObject({ status: 'fail', basis: 'data' });
    expect(balance.summary).toContain('42.10 EUR');
    expect(readiness.verdict).not.toBe('ready');
  });

  it('a later settlement of the same marketplace still supersedes the earlier one', async () => {
    const { balance } = await balanceOf(folderWith([
      S,
      euTotal('9203', '2026-11-01', '2026-11-15', '2026-11-17', '-42.10'), euSale('9203', 'Amazon.de', '-42.10'),
      euTotal('9204', '2026-11-15', '2026-11-22', '2026-11-24', '10.00'), euSale('9204', 'Amazon.de', '10.00'),
    ]));
    expect(balance).toMatchObject({ status: 'manual', confirmed: true, basis: 'both' });
  });
});

describe('settlement report: dates out of order are a misread, not a payout made (outside attack, att-x-3)', () => {
  it('a deposit day before the end (03/12/2026 UTC read as 12 March) is an input error naming the line', async () => {
    const misread = row(S, { 'settlement-id': '9401', 'settlement-start-date': '01/11/2026 07:00:00 UTC', 'settlement-end-date': '12/11/2026 07:00:00 UTC', 'deposit-date': '03/12/2026 07:00:00 UTC', 'total-amount': '100.00', currency: 'GBP' });
    const error = await refusal(folderWith([S, misread]));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('line 2');
    expect(error.message).toContain('03/12/2026');
  });

  it('a start after the end too', async () => {
    expect((await refusal(folderWith([S, total('9402', '2026-11-20', '2026-11-15', '2026-11-17', '10.00')]))).message).toContain('line 2');
  });
});

describe('settlement report: one marketplace per currency is one series (outside attack, att-x-3)', () => {
  it("a closing seller's last settlement of fees only (no marketplace named) supersedes the earlier Amazon.com one", async () => {
    const named = row(S, { 'settlement-id': '9501', 'transaction-type': 'Order', 'order-id': '111-1111111-0000001', 'marketplace-name': 'Amazon.com', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '-42.10', 'posted-date': '2026-11-10' });
    const { balance } = await balanceOf(folderWith([S, total('9501', '2026-11-01', '2026-11-15', '2026-11-17', '-42.10'), named, total('9502', '2026-11-15', '2026-11-22', '2026-11-24', '0.00'), line('9502', 'other-transaction', 'other-transaction', 'Subscription Fee', '0.00')]));
    expect(balance).toMatchObject({ status: 'manual', confirmed: true, basis: 'both' });
  });
});
