// One canonical JSON: the audit log's record hashes and the readiness fingerprint of a saved plan
// both spell values with core/canonical-json.ts. The fingerprint used its own sorted-key
// stringify before; for every finding a check can produce the two spell alike, so a plan saved
// before the change still matches the same data after it.

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonical-json.js';
import { canonicalJson as auditCanonicalJson } from '../../src/audit/canonical-json.js';
import { CHECK_IDS, CHECK_STATUSES } from '../../src/core/check-result.js';
import { fingerprint, type CheckFinding } from '../../src/core/readiness-fingerprint.js';
import { anyText } from '../helpers/any-text.js';

/** The fingerprint's stringify as it was (readiness-fingerprint.ts before the one canonical JSON). */
function formerStable(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(formerStable).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${formerStable(v)}`).join(',')}}`;
}

/** canonicalJson as it was before its one-pass object loop (entries, filter, sort, map). */
function formerCanonical(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`${value} has no JSON spelling`);
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((item) => formerCanonical(item ?? null)).join(',')}]`;
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return formerCanonical(json.call(value));
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${formerCanonical(v)}`).join(',')}}`;
}

const key = fc.string({ maxLength: 12 });
const finding: fc.Arbitrary<CheckFinding> = fc.record({
  id: fc.constantFrom(...CHECK_IDS),
  status: fc.constantFrom(...CHECK_STATUSES),
  count: fc.option(fc.nat(), { nil: null }),
  items: fc.array(fc.dictionary(key, fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null))), { maxLength: 4 }),
  clearsOn: fc.option(fc.constantFrom('2027-01-01', '2026-12-31'), { nil: null }),
  confirmed: fc.option(fc.boolean(), { nil: null }),
});

describe('one canonical JSON', () => {
  it('the audit log names the same function', () => {
    expect(auditCanonicalJson).toBe(canonicalJson);
  });

  it('a readiness fingerprint is what it was before, for any findings a check can produce', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 6 }), (findings) => {
        const before = `sha256:${createHash('sha256').update(formerStable(findings)).digest('hex')}`;
        expect(fingerprint(findings)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('keys in any order spell alike; what has no JSON spelling is refused', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], u: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });

  it('spells every value as it did before its one-pass object loop (the log\'s hashes depend on it)', () => {
    const anything = fc.letrec((tie) => ({
      value: fc.oneof(
        { maxDepth: 3 },
        anyText({ maxLength: 8 }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(anyText({ maxLength: 6 }), tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(anything, (value) => {
        expect(canonicalJson(value)).toBe(formerCanonical(value));
      }),
      { numRuns: 500 },
    );
    for (const value of [new Date(0), { at: new Date(0), list: [undefined, 1] }, { b: 1, a: undefined, '': [] }]) expect(canonicalJson(value)).toBe(formerCanonical(value));
  });
});
