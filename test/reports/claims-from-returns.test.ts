// Issue 17 on report files: the Returns report's "A-to-Z Claim" and SAFE-T columns
// (report-formats.md §8) answer claims. A return with a claim flagged counts against `claims`
// whatever is attested; a flag the code cannot account for counts as a claim; no flag is shown to
// the seller before they confirm; a Returns report without the column leaves the old question.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReportsAdapter } from '../../src/adapters/reports/reports-adapter.js';
import { CHECK_IDS, type CheckId } from '../../src/core/check-result.js';
import { evaluateReadiness, isConfirmable } from '../../src/core/readiness.js';
import { HEADERS, readySellerReports, row, writeReport } from '../helpers/report-fixtures.js';
import { t } from '../helpers/records.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const all = new Set<CheckId>(CHECK_IDS.filter((id) => isConfirmable(id)));

async function claimsWith(fields: Record<string, string>, header: string = HEADERS.returns) {
  const dir = mkdtempSync(join(tmpdir(), 'ca-claims-'));
  dirs.push(dir);
  readySellerReports(dir);
  writeReport(dir, 'returns.txt', [header, row(header, { 'Order ID': '111-1111111-0000001', 'Order date': '02-Nov-2026', 'Return request date': '10-Nov-2026', 'Return request status': 'Closed', ...fields })]);
  const adapter = await createReportsAdapter({ dir, encoding: null, t, warn: () => {}, now: new Date('2026-11-26T12:00:00Z') });
  const readiness = await evaluateReadiness(adapter, { asOf: '2026-11-26', t, attested: all });
  await adapter.close();
  return readiness.checks.find((c) => c.id === 'claims')!;
}

describe('claims from the Returns report', () => {
  it('a return with A-to-Z Claim = Y fails claims, whatever is attested', async () => {
    const claims = await claimsWith({ 'A-to-Z Claim': 'Y' });
    expect(claims).toMatchObject({ status: 'fail', count: 1, basis: 'data' });
    expect(claims.items[0]).toMatchObject({ kind: 'a-to-z', orderId: '111-1111111-0000001' });
  });

  it('a flag other than Y or N cannot be accounted for: it counts as a claim', async () => {
    expect((await claimsWith({ 'A-to-Z Claim': 'Pending' })).status).toBe('fail');
  });

  it('a blank A-to-Z flag says nothing: only N is "no claim", so a blank counts as a claim (attack)', async () => {
    for (const blank of ['', ' ']) expect(await claimsWith({ 'A-to-Z Claim': blank })).toMatchObject({ status: 'fail', basis: 'data' });
  });

  it('a SAFE-T state or creation time without the claim id is still a claim (attack)', async () => {
    const open = await claimsWith({ 'A-to-Z Claim': 'N', 'SafeT claim state': 'Under review' });
    expect(open).toMatchObject({ status: 'fail', basis: 'data' });
    expect(open.items[0]).toMatchObject({ kind: 'safe-t', claimId: '111-1111111-0000001' });
    expect((await claimsWith({ 'A-to-Z Claim': 'N', 'SafeT claim creation time': '12-Nov-2026' })).status).toBe('fail');
  });

  it('a SAFE-T claim in a state not known to be final fails; a closed one is listed for confirmation', async () => {
    expect((await claimsWith({ 'A-to-Z Claim': 'N', 'SafeT claim id': 'ST-1', 'SafeT claim state': 'Under review' })).status).toBe('fail');
    const closed = await claimsWith({ 'A-to-Z Claim': 'N', 'SafeT claim id': 'ST-2', 'SafeT claim state': 'Closed', 'SafeT claim creation time': '12-Nov-2026' });
    expect(closed).toMatchObject({ status: 'manual', confirmed: true, basis: 'both' });
    expect(closed.items[0]).toMatchObject({ claimId: 'ST-2', kind: 'safe-t', openedOn: '2026-11-12' });
  });

  it('no flag: what the report shows, then the question (never a pass: it covers seller-fulfilled returns only)', async () => {
    const claims = await claimsWith({ 'A-to-Z Claim': 'N' });
    expect(claims.status).toBe('manual');
    expect(claims.summary).toContain('no claim');
  });

  it('a Returns report without the A-to-Z column leaves claims to the seller, as before', async () => {
    const header = HEADERS.returns.split('\t').filter((h) => !/^(A-to-Z Claim|SafeT)/.test(h)).join('\t');
    const claims = await claimsWith({}, header);
    // Attested: the seller's word alone, and it says so.
    expect(claims).toMatchObject({ status: 'manual', confirmed: true, basis: 'seller' });
  });
});

describe('claims from a Returns report with SAFE-T columns but no A-to-Z column (outside attack, att-x-3)', () => {
  it('a SAFE-T claim still pending fails claims, whatever is attested', async () => {
    const header = HEADERS.returns.split('\t').filter((h) => h !== 'A-to-Z Claim').join('\t');
    const claims = await claimsWith({ 'SafeT claim id': 'ST-9', 'SafeT claim state': 'Pending' }, header);
    expect(claims).toMatchObject({ status: 'fail', basis: 'data', count: 1 });
    expect(claims.items[0]).toMatchObject({ kind: 'safe-t', claimId: 'ST-9' });
  });
});

describe('the A-to-Z flag spelt out (outside attack, att-x-3)', () => {
  it('"No" says no claim, as N does; "Yes" is a claim', async () => {
    for (const no of ['No', 'NO', 'n']) expect((await claimsWith({ 'A-to-Z Claim': no })).status).toBe('manual');
    expect((await claimsWith({ 'A-to-Z Claim': 'Yes' })).status).toBe('fail');
  });
});
