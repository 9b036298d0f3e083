// `close-account plan` as a process: the dated plan, its calendar and action files, and the
// demo seller carried through it to a ready check on the predicted day (those checks, and the
// refused step, run main() in this process: `check` has its spawned runs in spawned.test.ts).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-in-process.js';
import { runCli, sandbox } from '../helpers/cli-process.js';

describe('close-account plan', () => {
  it('plans the blocked demo seller, writes the calendar and the CSV files, and the plan holds', async () => {
    const { env, home } = sandbox();
    const ics = join(home, 'closure.ics');
    const csvDir = join(home, 'to-do');
    const result = runCli(['plan', '--json', '--as-of', '2026-11-26', '--ics', ics, '--csv-dir', csvDir], env);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan).toMatchObject({ schemaVersion: 1, verdict: 'blocked', closeOn: '2027-03-11', complete: true });
    expect(plan.steps[0]).toMatchObject({ id: 'close-listings', where: expect.stringContaining('Manage All Inventory') });
    expect(readFileSync(ics, 'utf8')).toContain('DTSTART;VALUE=DATE:20270311');
    const removals = readFileSync(join(csvDir, 'fba-removals.csv'), 'utf8').trim().split('\n');
    expect(removals[0]).toBe('sku,product-name,sellable-quantity,unsellable-quantity,inbound-quantity,reserved-quantity');
    expect(removals).toHaveLength(7);
    expect(removals).toContain('MP-BCB-3PC,"Bamboo Cutting Board Set, 3 pieces",12,2,0,0');
    expect(readFileSync(join(csvDir, 'listings-to-close.csv'), 'utf8').trim().split('\n')).toHaveLength(25);

    // Every step carried out on the demo data: ready on the day the plan gave.
    const after = ['check', '--demo-done', 'all', '--attest', 'all', '--json'];
    expect((await runMain([...after, '--as-of', plan.closeOn], env)).code).toBe(0);
    const early = await runMain([...after, '--as-of', '2027-02-17'], env);
    expect(early.code).toBe(3);
    expect(JSON.parse(early.stdout).checks.find((c: { id: string }) => c.id === 'last-sale-window').clearsOn).toBe('2027-02-18');
  });

  it('refuses a step that does not exist', async () => {
    const { env } = sandbox();
    const result = await runMain(['check', '--demo-done', 'bribe-amazon'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a plan step');
  });
});
