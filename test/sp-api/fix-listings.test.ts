// `fix listings --apply` against the strict fake SP-API with faults on: shows first, asks for the
// seller ID, deletes at the documented rate, records each accepted deletion per SKU and
// marketplace, continues after an interruption, verifies each deletion in its marketplace, keeps
// FBA listings that still have stock, and never records an INVALID submission as deleted.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { demoSeller, type DemoSeller } from '../../src/adapters/demo/demo-seller.js';
import { readAudit } from '../helpers/audit.js';
import { startCli } from '../helpers/cli-async.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';
import { ALL_FAULTS, NO_FAULTS, startFakeSpApi, type FakeSpApi } from '../helpers/fake-sp-api.js';

const SELLER = 'A2DEMO5ELLER7Q';
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const servers: FakeSpApi[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

// main() in this process (runMain), against the fake over real HTTP; the runs killed mid-way
// (SIGKILL after the first deletion) are real processes (startCli). The fake's env ends every
// rate wait at once (CLOSE_ACCOUNT_TEST_NO_WAIT); reports are ready after the fake's two polls.
const cli = runMain;
const FAULTS = { ...ALL_FAULTS, every503: 11, reportDelayMs: 0 };

function bodies(db: string, type: string): Record<string, unknown>[] {
  const log = AuditLog.open(db);
  try {
    return [...log.allRecords()].filter((r) => r.type === type).map((r) => r.body as Record<string, unknown>);
  } finally {
    log.close();
  }
}

/** Sells nothing any more; one listing left, on Amazon.ca only. */
function canadaOnly(): DemoSeller {
  const seller = demoSeller('ready');
  seller.listings = [{ sku: 'CA-ONLY-MAPLE-SYRUP', name: 'Maple syrup, 250 ml', status: 'Active', fulfilment: 'MFN', marketplaceId: CA }];
  return seller;
}

describe('fix listings', () => {
  it('previews without deleting, then deletes with --confirm, keeping stocked FBA listings', async () => {
    const fake = await startFakeSpApi('blocked', FAULTS);
    servers.push(fake);
    const { env, db } = sandbox();
    const all = { ...env, ...fake.env };
    const preview = await cli(['fix', 'listings', '--adapter', 'sp-api'], all);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain("24 listings: 18 to delete, 6 kept because their FBA stock is still in Amazon's network");
    expect(preview.stdout).toContain('MP-BCB-3PC: kept, its units are still in Amazon');
    expect(fake.deletes.size).toBe(0);

    const refused = await cli(['fix', 'listings', '--adapter', 'sp-api', '--apply'], all);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--apply needs --confirm ${SELLER}`);
    expect(fake.deletes.size).toBe(0);

    const applied = await cli(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER], all);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('18 listings deleted, and Amazon confirms each is gone');
    // Each listing deleted once, in the one marketplace that lists it (the US), marketplaceIds one at a time.
    expect([...fake.deletes.keys()].every((key) => key.endsWith(`@${US}`))).toBe(true);
    expect(fake.deletes.size).toBe(18);
    expect([...fake.deletes.values()].every((n) => n === 1)).toBe(true);
    expect(fake.deletes.has(`MP-BCB-3PC@${US}`)).toBe(false);
    const audit = readAudit(db);
    expect(audit.types.filter((type) => type === 'listing-deleted')).toHaveLength(18);
    expect(audit.types.filter((type) => type === 'listing-verified')).toHaveLength(18);
    expect(bodies(db, 'listing-verified').every((b) => b.marketplaceId === US)).toBe(true);
    expect(audit.intact).toBe(true);
    expect(fake.requests.flatMap((r) => r.problems)).toEqual([]);
  });

  it('deletes and verifies a listing that is only on Amazon.ca (issue 19, done when)', async () => {
    const fake = await startFakeSpApi(canadaOnly(), FAULTS);
    servers.push(fake);
    const { env, db } = sandbox();
    const applied = await cli(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER], { ...env, ...fake.env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('1 listings: 1 to delete');
    expect(applied.stdout).toContain('1 listings deleted, and Amazon confirms each is gone');
    expect([...fake.deletes.entries()]).toEqual([[`CA-ONLY-MAPLE-SYRUP@${CA}`, 1]]);
    expect(bodies(db, 'listing-deleted')).toMatchObject([{ sellerId: SELLER, sku: 'CA-ONLY-MAPLE-SYRUP', marketplaceId: CA, status: 'ACCEPTED' }]);
    expect(bodies(db, 'listing-verified')).toEqual([{ sellerId: SELLER, sku: 'CA-ONLY-MAPLE-SYRUP', marketplaceId: CA }]);
    // Verified where it was listed: getListingsItem asked Amazon.ca.
    const looks = fake.requests.filter((r) => r.operation === 'getListingsItem' && r.status === 404);
    expect(looks.length).toBeGreaterThan(0);
    for (const r of looks) expect(new URL(r.path, fake.url).searchParams.get('marketplaceIds')).toBe(CA);
  });

  it('records only ACCEPTED: an INVALID submission is shown, not recorded, and the run is not done (7)', async () => {
    const fake = await startFakeSpApi(canadaOnly(), { ...NO_FAULTS, invalidDeletes: ['CA-ONLY-MAPLE-SYRUP'] });
    servers.push(fake);
    const { env, db } = sandbox();
    const applied = await cli(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER], { ...env, ...fake.env });
    expect(applied.code, applied.stderr).toBe(3);
    expect(applied.stdout).toContain('CA-ONLY-MAPLE-SYRUP on amazon.ca: Amazon did not accept the deletion (INVALID)');
    expect(bodies(db, 'listing-deleted')).toEqual([]);
    expect(bodies(db, 'listing-verified')).toEqual([]);
  });

  /** A `fix listings --apply` killed (SIGKILL) right after its first deletion, against a fresh fake. */
  async function killedAfterFirstDeletion(...fakeArgs: Parameters<typeof startFakeSpApi>) {
    const fake = await startFakeSpApi(...fakeArgs);
    servers.push(fake);
    const { env, db } = sandbox();
    const all = { ...env, ...fake.env };
    const doomed = startCli(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER], { ...all, CLOSE_ACCOUNT_FAILPOINT: 'after-listing-deleted' });
    await doomed.waitForStderr('failpoint reached: after-listing-deleted', 30_000);
    doomed.child.kill('SIGKILL');
    await doomed.exit();
    return { fake, all, db };
  }

  it('continues where an interrupted run stopped', async () => {
    const { fake, all, db } = await killedAfterFirstDeletion('blocked', FAULTS);
    expect(fake.deletes.size).toBe(1);

    // Resumed by the executable to its end (dist/cli.cjs: the exit code it sets, the output it
    // flushes): the one run of this family that a process finishes rather than is killed in.
    const running = startCli(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER], all);
    const resumed = { code: await running.exit(), stdout: running.stdout(), stderr: running.stderr() };
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('17 to delete, 6 kept because their FBA stock is still in Amazon\'s network, 1 already deleted by an earlier run');
    expect(fake.deletes.size).toBe(18);
    // The first run's SKU was not deleted again.
    expect([...fake.deletes.values()].every((n) => n === 1)).toBe(true);
    expect(readAudit(db).intact).toBe(true);
  });

  it('an interrupted run retries the marketplaces it did not reach: deletions are keyed by SKU and marketplace (7)', async () => {
    const seller = canadaOnly();
    seller.listings.push({ ...seller.listings[0]!, marketplaceId: US });
    const { fake, all, db } = await killedAfterFirstDeletion(seller, NO_FAULTS);
    expect(fake.deletes.size).toBe(1);

    const resumed = await cli(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER], all);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('2 listings: 1 to delete');
    expect([...fake.deletes.entries()].sort()).toEqual([[`CA-ONLY-MAPLE-SYRUP@${US}`, 1], [`CA-ONLY-MAPLE-SYRUP@${CA}`, 1]].sort());
    expect(bodies(db, 'listing-verified').map((b) => b.marketplaceId).sort()).toEqual([CA, US].sort());
  });

  it('one log serves several accounts: a deletion recorded for another seller, or for no named seller, is not this seller\'s', async () => {
    const fake = await startFakeSpApi(canadaOnly(), NO_FAULTS);
    servers.push(fake);
    const { env, db } = sandbox();
    mkdirSync(dirname(db), { recursive: true });
    const log = AuditLog.open(db);
    log.append('listing-deleted', null, { sellerId: 'A1OTHERSELLER9', sku: 'CA-ONLY-MAPLE-SYRUP', marketplaceId: CA, status: 'ACCEPTED', submissionId: 'x' });
    log.append('listing-deleted', null, { sku: 'CA-ONLY-MAPLE-SYRUP', marketplaceId: CA, status: 'ACCEPTED', submissionId: 'y' });
    log.close();
    const applied = await cli(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER], { ...env, ...fake.env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('1 listings: 1 to delete');
    expect([...fake.deletes.entries()]).toEqual([[`CA-ONLY-MAPLE-SYRUP@${CA}`, 1]]);
    expect(bodies(db, 'listing-deleted').map((b) => b.sellerId)).toEqual(['A1OTHERSELLER9', undefined, SELLER]);
  });

  it('needs the sp-api source', async () => {
    const { env } = sandbox();
    const result = await cli(['fix', 'listings'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('acts through the Selling Partner API');
  });
});
