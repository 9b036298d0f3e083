import { describe, expect, it } from 'vitest';
import { monthNumber, parseQuantity, parseReportDay, parseReportTimestamp, ReportValueProblem } from '../../src/adapters/reports/report-values.js';
import { parseDateRangeDay } from '../../src/adapters/reports/date-range-report.js';
import { orderStatusOf } from '../../src/adapters/reports/order-status.js';
import { marketplaceOfSalesChannel } from '../../src/adapters/reports/sales-channels.js';
import { detectEncoding } from '../../src/adapters/reports/text-encoding.js';
import { encode } from '../helpers/report-fixtures.js';

describe('report values', () => {
  it('reads quantities, blank as null (zero), and refuses anything else', () => {
    expect(parseQuantity('12')).toBe(12);
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity('  ')).toBeNull();
    expect(parseQuantity('3.0')).toBe(3);
    for (const bad of ['twelve', '-1', '1.5', '1,000']) expect(() => parseQuantity(bad)).toThrow(ReportValueProblem);
  });

  it('reads the date formats marketplaces write', () => {
    expect(parseReportTimestamp('2018-07-30T15:41:26+00:00')).toBe('2018-07-30T15:41:26+00:00');
    expect(parseReportTimestamp('2026-11-20T18:22:05Z')).toBe('2026-11-20T18:22:05+00:00');
    expect(parseReportTimestamp('2013-01-07 07:35:42 PST')).toBe('2013-01-07T07:35:42-08:00');
    expect(parseReportTimestamp('08/07/2016 10:12:40 BST')).toBe('2016-07-08T10:12:40+01:00');
    expect(parseReportTimestamp('07/08/2016 10:12:40 PDT')).toBe('2016-07-08T10:12:40-07:00');
    expect(parseReportTimestamp('2026/11/20 09:15:00 JST')).toBe('2026-11-20T09:15:00+09:00');
    expect(parseReportDay('10-Jul-2025')).toBe('2025-07-10');
    expect(parseReportTimestamp('20/11/2026')).toBe('2026-11-20T00:00:00-10:00');
    // Without a zone, a slashed date went through a spreadsheet whose locale the marketplace does
    // not tell: read both ways, the later date is taken (never a sale read as older than it is).
    expect(parseReportTimestamp('05/11/2026', 'day-first')).toBe('2026-11-05T00:00:00-10:00');
    expect(parseReportTimestamp('05/11/2026', 'month-first')).toBe('2026-11-05T00:00:00-10:00');
    expect(parseReportTimestamp('11/05/2026', 'day-first')).toBe('2026-11-05T00:00:00-10:00');
    expect(parseReportTimestamp('9/5/2026 10:00', 'month-first')).toBe('2026-09-05T10:00:00-10:00');
    expect(parseReportTimestamp('11/20/2026', 'day-first')).toBe('2026-11-20T00:00:00-10:00');
    // Dots are day first in every locale that writes them (de, ru, ...), even on an Amazon.com order.
    expect(parseReportTimestamp('05.09.2026 10:00', 'month-first')).toBe('2026-09-05T10:00:00-10:00');
    expect(parseReportTimestamp('05.09.2026')).toBe('2026-09-05T00:00:00-10:00');
    // A time without a zone (a spreadsheet dropped it) is taken at its latest: Honolulu's offset.
    expect(parseReportTimestamp('2026-09-04 20:00')).toBe('2026-09-04T20:00:00-10:00');
    expect(parseReportTimestamp('2026/09/04 20:00')).toBe('2026-09-04T20:00:00-10:00');
  });

  it('refuses dates that are not dates, or cannot be told apart', () => {
    for (const bad of ['yesterday', '2026-02-30T00:00:00Z', '31-Foo-2026', '2026-11-20T25:00:00Z', '05/11/2026', '05/11.2026', '09.20.2026']) {
      expect(() => parseReportTimestamp(bad), bad).toThrow(ReportValueProblem);
    }
  });

  it('maps statuses as the report writes them', () => {
    expect(orderStatusOf('Shipped - Delivered to Buyer')).toBe('Shipped');
    expect(orderStatusOf('Shipped - Returned to Seller')).toBe('Shipped');
    expect(orderStatusOf('Cancelled')).toBe('Canceled');
    expect(orderStatusOf('Pending')).toBe('Pending');
    expect(orderStatusOf('Unshipped')).toBe('Unshipped');
    expect(orderStatusOf('Shipping')).toBe('Unshipped');
    // Neither shipped nor cancelled is an open order, whatever it is called.
    expect(orderStatusOf('Something New')).toBe('Pending');
  });

  it('knows the marketplace from the sales channel', () => {
    expect(marketplaceOfSalesChannel('Amazon.com')).toBe('ATVPDKIKX0DER');
    expect(marketplaceOfSalesChannel('Amazon.co.uk')).toBe('A1F83G8C2ARO7P');
    expect(marketplaceOfSalesChannel('Amazon.co.jp')).toBe('A1VC38T7YXB528');
    expect(marketplaceOfSalesChannel('Non-Amazon')).toBeNull();
  });

  it('tells UTF-8, Windows-1252 and Shift_JIS apart', () => {
    expect(detectEncoding(Buffer.from('Café crème\tx\n', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(encode('Café crème\tMärchen\n', 'windows-1252'))).toBe('windows-1252');
    expect(detectEncoding(encode('湯呑み\t急須セット\n', 'shift_jis'))).toBe('shift_jis');
    // A sample cut in the middle of a character is still recognised.
    expect(detectEncoding(Buffer.from('注文番号\t注文ステータス', 'utf8').subarray(0, 20))).toBe('utf-8');
    expect(detectEncoding(encode('湯呑み急須', 'shift_jis').subarray(0, 7))).toBe('shift_jis');
  });
});

describe('dotted dates with a zone (settlement reports of EU marketplaces, issue 17)', () => {
  it('are day first whatever the zone: 01.11.2026 07:00:00 UTC is 1 November, 15.11.2026 is read', async () => {
    const { parseReportDay } = await import('../../src/adapters/reports/report-values.js');
    expect(parseReportDay('01.11.2026 07:00:00 UTC')).toBe('2026-11-01');
    expect(parseReportDay('15.11.2026 07:00:00 UTC')).toBe('2026-11-15');
  });
});

describe('month names: one list, read alike by every report', () => {
  const NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  it('each of the twelve, in any case, is its month in 20-Nov-2026 dates and in the Date Range report alike; nothing else is a month', () => {
    NAMES.forEach((name, i) => {
      const day = `2026-${String(i + 1).padStart(2, '0')}-09`;
      for (const written of [name, name.toUpperCase(), name.toLowerCase()]) {
        expect(monthNumber(written)).toBe(i + 1);
        expect(parseReportDay(`09-${written}-2026`)).toBe(day);
        expect(parseDateRangeDay(`${written} 9, 2026 1:00:00 AM PST`)).toBe(day);
        expect(parseDateRangeDay(`9 ${written} 2026 01:00:00 GMT+00:00`)).toBe(day);
      }
    });
    for (const other of ['Foo', 'con', 'has', '', 'Novembre']) expect(monthNumber(other)).toBeUndefined();
    expect(() => parseDateRangeDay('Foo 9, 2026')).toThrow(ReportValueProblem);
    expect(() => parseReportDay('09-Foo-2026')).toThrow(ReportValueProblem);
  });
});
