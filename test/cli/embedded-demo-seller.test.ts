// The built program reads the demo seller its generator made at build time
// (scripts/bundle/embedded-demo-seller.mjs); tests in this process run the generator itself. The two
// must be one seller: the archive of the demo seller holds every order, return, removal, settlement
// and charge, and the checks' JSON every verdict and the items behind it.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SCENARIOS } from '../../src/adapters/demo/demo-scenarios.js';
import { runMain } from '../helpers/cli-in-process.js';
import { runCli, sandbox } from '../helpers/cli-process.js';

/** Every file of an archive but the two that say when and where it was made. */
function archivedData(folder: string): Record<string, string> {
  const files = readdirSync(folder).filter((name) => name !== 'manifest.json' && name !== 'index.html');
  return Object.fromEntries(files.sort().map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
}

describe('the demo seller in the built program', () => {
  it('is the one its generator makes: the same archive, file for file', async () => {
    const built = sandbox();
    const here = sandbox();
    const args = (home: string) => ['archive', '--out', join(home, 'archive'), '--as-of', '2026-11-26', '--demo-scenario', 'blocked'];
    expect(runCli(args(built.home), built.env).code).toBe(0);
    expect((await runMain(args(here.home), here.env)).code).toBe(0);
    const data = archivedData(join(built.home, 'archive'));
    expect(Object.keys(data).length).toBeGreaterThan(10);
    expect(data).toEqual(archivedData(join(here.home, 'archive')));
  });

  it('gives every scenario the same checks, on any day', async () => {
    const { env } = sandbox();
    for (const scenario of DEMO_SCENARIOS) {
      for (const asOf of ['2026-11-26', '2027-02-01']) {
        const args = ['--dry-run', '--json', '--demo-scenario', scenario, '--as-of', asOf];
        const spawned = runCli(args, env);
        const inProcess = await runMain(args, env);
        expect(spawned.code).toBe(inProcess.code);
        expect(JSON.parse(spawned.stdout)).toEqual(JSON.parse(inProcess.stdout));
      }
    }
  });
});
