// The one CSV row writer (plan --csv-dir, audit export --format csv).
import { describe, expect, it } from 'vitest';
import { csvRow } from '../../src/render/csv.js';

describe('csvRow', () => {
  it('quotes per RFC 4180 and keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvRow(['plain', 12, null, undefined])).toBe('plain,12,,');
    expect(csvRow(['a,b', 'say "hi"', 'two\nlines'])).toBe('"a,b","say ""hi""","two\nlines"');
    expect(csvRow(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)'])).toBe(`"'=HYPERLINK(""x"")","'+1","'-2","'@SUM(A1)"`);
  });
});
