// --as-of far in the past with the live adapter: Amazon answers with today's data, and reading
// orders back to that day costs one order report per 30 days at Amazon's one createReport a
// minute, only for the run to end "before the data's own records" (exit 2) hours later. Refused
// before any call instead, as an input error.

import { afterEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';
import { provenReadySeller, startFakeSpApi, type FakeSpApi } from '../helpers/fake-sp-api.js';

const servers: FakeSpApi[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

const DAY_MS = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

// main() in this process against the fake over HTTP, its waits ended at once by the fake's env.
async function check(fake: FakeSpApi, asOf: string) {
  const { env } = sandbox();
  return runMain(['check', '--adapter', 'sp-api', '--attest', 'all', '--json', '--as-of', asOf], { ...env, ...fake.env });
}

describe('check --adapter sp-api --as-of', () => {
  it('years back: exit 2 at once, one JSON document, not one call to Amazon', async () => {
    const fake = await startFakeSpApi(provenReadySeller(), undefined);
    servers.push(fake);
    const result = await check(fake, '2020-01-01');
    expect(result.code, result.stderr).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'usage', exitCode: 2 } });
    expect(result.stderr).toContain('--as-of 2020-01-01');
    expect(fake.requests).toEqual([]);
  });

  it('within the 120 days a check reads, and in the future: checked as before', async () => {
    const fake = await startFakeSpApi(provenReadySeller(), undefined);
    servers.push(fake);
    // 100 days back the last sale is still inside its 90 days: blocked, but checked.
    for (const [asOf, code, verdict] of [[day(-100), 3, 'blocked'], [day(30), 0, 'ready']] as const) {
      const result = await check(fake, asOf);
      expect(result.code, result.stderr).toBe(code);
      expect(JSON.parse(result.stdout)).toMatchObject({ verdict, asOf });
    }
  });
});
