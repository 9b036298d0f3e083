// The record hash's canonical content, spelled out for speed (verify hashes every record), must be
// byte for byte the generic canonical JSON the chain was always hashed over: otherwise every
// existing log would stop verifying.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/audit/canonical-json.js';
import { canonicalContent, recordHash, type RecordContent } from '../../src/audit/record-chain.js';
import { anyText } from '../helpers/any-text.js';

const generic = (c: RecordContent) => canonicalJson({ seq: c.seq, at: c.at, runId: c.runId, type: c.type, requestId: c.requestId, body: c.body });
const text = anyText({ maxLength: 40 });

describe('record content, canonical', () => {
  it('is the generic canonical JSON of the six fields, for any text', () => {
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.integer({ min: -1, max: Number.MAX_SAFE_INTEGER }),
          at: text,
          runId: fc.option(text),
          type: text,
          requestId: fc.option(text),
          body: fc.oneof(text, fc.json()),
        }),
        (content) => {
          expect(canonicalContent(content)).toBe(generic(content));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('takes the generic form for what it does not spell out: a missing field, a fraction, a value of another kind', () => {
    const base: RecordContent = { seq: 1, at: '2026-12-03T00:00:00.000Z', runId: 'run-1', type: 'check-result', requestId: null, body: '{}' };
    for (const odd of [{ runId: undefined }, { requestId: undefined }, { seq: 1.5 }, { body: 7 }, { type: null }] as unknown as Partial<RecordContent>[]) {
      const content = { ...base, ...odd } as RecordContent;
      expect(canonicalContent(content)).toBe(generic(content));
    }
    expect(() => canonicalContent({ ...base, seq: Number.NaN })).toThrow(TypeError);
  });

  it('hashes a known record to the hash it always had', () => {
    const content: RecordContent = { seq: 1, at: '2026-11-26T10:00:00.000Z', runId: 'run-20261126T100000-abcdef', type: 'run-started', requestId: null, body: '{"adapter":"demo","asOf":"2026-11-26","command":"check","demo":true}' };
    // Computed with the generic canonical JSON before the spelled-out form existed.
    expect(recordHash('0'.repeat(64), content)).toBe(KNOWN_HASH);
  });
});

const KNOWN_HASH = '25dcccbadd9fefe6519a801a5f2b26394bdb6d99f47fe488bbc0bdd43d15e339';
