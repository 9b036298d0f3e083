// `fix listings --apply` against the fake SP-API with faults on: shows first, asks for the seller
// ID, deletes at the documented rate, records each deletion, continues after an interruption,
// verifies each deletion, and keeps FBA listings that still have stock.

import { afterEach, describe, expect, it } from 'vitest';
import { readAudit } from '../helpers/audit.js';
import { startCli } from '../helpers/cli-async.js';
import { sandbox } from '../helpers/cli-process.js';
import { ALL_FAULTS, startFakeSpApi, type FakeSpApi } from '../helpers/fake-sp-api.js';

const SELLER = 'A2DEMO5ELLER7Q';
const servers: FakeSpApi[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

async function cli(args: string[], env: Record<string, string>) {
  const running = startCli(args, env);
  return { code: await running.exit(), stdout: running.stdout(), stderr: running.stderr() };
}

const FAULTS = { ...ALL_FAULTS, every503: 11 };

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
    expect(fake.deletes.size).toBe(18);
    expect(fake.deletes.has('MP-BCB-3PC')).toBe(false);
    // One DELETE per marketplace of the region (US, CA, MX), marketplaceIds one at a time.
    expect([...fake.deletes.values()].every((n) => n === 3)).toBe(true);
    const audit = readAudit(db);
    expect(audit.types.filter((type) => type === 'listing-deleted')).toHaveLength(54);
    expect(audit.types.filter((type) => type === 'listing-verified')).toHaveLength(18);
    expect(audit.intact).toBe(true);
  });

  it('continues where an interrupted run stopped', async () => {
    const fake = await startFakeSpApi('blocked', FAULTS);
    servers.push(fake);
    const { env, db } = sandbox();
    const all = { ...env, ...fake.env };
    const doomed = startCli(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER], { ...all, CLOSE_ACCOUNT_FAILPOINT: 'after-listing-deleted' });
    await doomed.waitForStderr('failpoint reached: after-listing-deleted', 30_000);
    doomed.child.kill('SIGKILL');
    await doomed.exit();
    expect(fake.deletes.size).toBe(1);

    const resumed = await cli(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER], all);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('17 to delete, 6 kept because their FBA stock is still in Amazon\'s network, 1 already deleted by an earlier run');
    expect(fake.deletes.size).toBe(18);
    // The first run's SKU was not deleted again.
    expect([...fake.deletes.values()].every((n) => n === 3)).toBe(true);
    expect(readAudit(db).intact).toBe(true);
  });

  it('needs the sp-api source', async () => {
    const { env } = sandbox();
    const result = await cli(['fix', 'listings'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('acts through the Selling Partner API');
  });
});
