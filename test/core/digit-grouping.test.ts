// groupThousands stands in for toLocaleString (which loads ICU's locale data on first use): it must
// print what toLocaleString prints, for every locale the messages use.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupThousands } from '../../src/messages/digit-grouping.js';

const LOCALES = ['en-US', 'zh-CN', 'ja-JP'];

describe('groupThousands', () => {
  it('writes counts as toLocaleString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => {
        for (const locale of LOCALES) expect(groupThousands(n)).toBe(n.toLocaleString(locale));
      }),
    );
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(1000)).toBe('1,000');
    expect(groupThousands(20000)).toBe('20,000');
  });

  it('writes amounts with two decimals as toLocaleString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const amount = cents / 100;
        const expected = amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        expect(groupThousands(amount, 2)).toBe(expected);
      }),
    );
    expect(groupThousands(1234.5, 2)).toBe('1,234.50');
    expect(groupThousands(-0.001, 2)).toBe('0.00');
  });
});
