// The edit distance keeps three rows of its table, not all of it: it must give what the whole
// table gives (the textbook form, below) for any two names.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/core/edit-distance.js';

/** Optimal string alignment distance, the whole table kept: the reference. */
function wholeTable(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('counts steps, a swap of neighbours as one', () => {
    expect(editDistance('chek', 'check')).toBe(1);
    expect(editDistance('sbumit', 'submit')).toBe(1);
    expect(editDistance('sales-channe1', 'sales-channel')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('item-note', 'item-name')).toBe(2);
  });

  it('gives what the whole table gives, for any two names', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', 'é'), maxLength: 14 });
    fc.assert(fc.property(name, name, (a, b) => editDistance(a, b) === wholeTable(a, b)), { numRuns: 3000 });
  });
});
