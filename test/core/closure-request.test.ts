import { describe, expect, it } from 'vitest';
import { assembleClosureRequest, closureRequestText, draftClosureRequest } from '../../src/core/closure-request.js';
import { t } from '../helpers/records.js';

const basedOn = { asOf: '2026-11-26', verdict: 'ready' };
const valid = {
  sellerId: 'a2demo5eller7q',
  region: 'north-america' as const,
  marketplaces: ['US', 'MX', 'CA'],
  reason: 'stopped-selling' as const,
  email: ' owner@example.com ',
};

describe('closure request', () => {
  it('normalises and gives the same content the same id', async () => {
    const a = await assembleClosureRequest(valid, basedOn, t);
    const b = await assembleClosureRequest({ ...valid, marketplaces: ['CA', 'US', 'MX'], email: 'OWNER@example.com' }, { asOf: '2027-01-01', verdict: 'ready' }, t);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.request.sellerId).toBe('A2DEMO5ELLER7Q');
    expect(a.request.marketplaces).toEqual(['CA', 'MX', 'US']);
    expect(a.request.id).toMatch(/^CR-[0-9A-F]{16}$/);
    expect(b.request.id).toBe(a.request.id);
    const other = await assembleClosureRequest({ ...valid, reason: 'fees-too-high' }, basedOn, t);
    expect(other.ok && other.request.id).not.toBe(a.request.id);
  });

  it('names each invalid field with a way to fix it', async () => {
    const result = await assembleClosureRequest({ ...valid, sellerId: 'abc', email: 'owner@', phone: 'call me' }, basedOn, t);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = Object.fromEntries(result.problems.map((p) => [p.field, p.message]));
    expect(fields.sellerId).toContain('Merchant Token');
    expect(fields.email).toContain('owner@example.com');
    expect(fields.phone).toContain('+1 206');
  });

  it('needs a few words with the reason "other"', async () => {
    const result = await assembleClosureRequest({ ...valid, reason: 'other' }, basedOn, t);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ field: 'reasonText' });
    expect((await assembleClosureRequest({ ...valid, reason: 'other', reasonText: 'Retiring' }, basedOn, t)).ok).toBe(true);
  });

  it('drafts from what the data knows and says what is missing', async () => {
    const draft = await draftClosureRequest({}, { sellerId: 'A2DEMO5ELLER7Q', region: 'north-america', countries: ['US'] }, basedOn, t);
    expect(draft.request).toBeNull();
    expect(draft.problems).toEqual([
      { field: 'reason', message: 'missing' },
      { field: 'email', message: 'missing' },
    ]);
  });

  it('renders the text to paste into Seller Central', async () => {
    const result = await assembleClosureRequest({ ...valid, phone: '+1 206 555 0100' }, basedOn, t);
    if (!result.ok) throw new Error('invalid');
    const text = closureRequestText(result.request, t);
    expect(text).toContain('Seller ID (merchant token): A2DEMO5ELLER7Q');
    expect(text).toContain('North America (US, CA, MX)');
    expect(text).toContain('Contact phone: +1 206 555 0100');
    expect(text).toContain(result.request.id);
  });
});
