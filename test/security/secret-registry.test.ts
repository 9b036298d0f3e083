// The scrubber, by transformation: any secret, embedded in any text in any of the encodings a
// server or a library may give it back in, comes out with no trace of it (forms computed by the
// test's own helper, not by the registry).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../src/security/secret-registry.js';
import { secretForms } from '../helpers/secret-forms.js';

const ENCODINGS: ((s: string) => string)[] = [
  (s) => s,
  (s) => encodeURIComponent(s),
  (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  (s) => new URLSearchParams({ refresh_token: s }).toString(),
  (s) => JSON.stringify({ error: s }),
  (s) => JSON.stringify(JSON.stringify(s)),
  (s) => Buffer.from(s).toString('base64'),
  (s) => Buffer.from(`client:${s}`).toString('base64'),
  (s) => Buffer.from(`xy${s}z`).toString('base64url'),
  (s) => encodeURIComponent(encodeURIComponent(s)),
];

describe('the secret registry', () => {
  it('removes a secret in every encoding, wherever it sits in a text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40, unit: fc.constantFrom(...'abcXYZ019|+/=%&?.-_~ é"\\'.split('')) }),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        fc.integer({ min: 0, max: ENCODINGS.length - 1 }),
        (secret, before, after, which) => {
          const registry = new SecretRegistry();
          registry.add(secret);
          const clean = registry.scrub(`${before}${ENCODINGS[which]!(secret)}${after}`);
          expect(secretForms(secret).filter((form) => clean.includes(form)), JSON.stringify(clean)).toEqual([]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('removes LWA-shaped tokens, URL credentials and query strings it was never told of', () => {
    const registry = new SecretRegistry();
    expect(registry.scrub('got Atza|IwEBIunknown-token and Atzr%7CIwEBIrefresh')).toBe('got [redacted token] and [redacted token]');
    expect(registry.scrub('POST https://agent:hunter2@hooks.example/x?token=abc&b=2 failed')).toBe('POST https://[redacted]@hooks.example/x?[redacted] failed');
    expect(registry.scrub('{"url":"https:\\/\\/u:p@h\\/p?sig=1"}')).toBe('{"url":"https:\\/\\/[redacted]@h\\/p?[redacted]"}');
  });

  it('keeps a stored record\'s structure: every string scrubbed, keys included, JSON still valid', () => {
    const registry = new SecretRegistry();
    registry.add('Atzr|SECRET-REFRESH-1234');
    const body = registry.scrubDeep({ error: 'refused Atzr|SECRET-REFRESH-1234', list: ['Atzr%7CSECRET-REFRESH-1234', 3, null], ['Atzr|SECRET-REFRESH-1234']: true });
    expect(JSON.stringify(body)).not.toContain('SECRET-REFRESH');
    expect(body.list[1]).toBe(3);
  });

  it('forgets every secret when cleared (each test file starts so: test/helpers/temp-root.ts)', () => {
    const registry = new SecretRegistry();
    registry.add('client-secret-0123456789');
    expect(registry.scrub('a client-secret-0123456789 and client-secret-012')).toBe('a [redacted] and [redacted]');
    registry.clear();
    expect(registry.scrub('a client-secret-0123456789 and client-secret-012')).toBe('a client-secret-0123456789 and client-secret-012');
    registry.add('another-secret-9876543210');
    expect(registry.scrub('another-secret-9876543210 client-secret-0123456789')).toBe('[redacted] client-secret-0123456789');
  });
});
