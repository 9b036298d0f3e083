// The built program reads the demo seller its generator made at build time
// (scripts/bundle/embedded-demo-seller.mjs); tests in this process run the generator itself. The two
// must be one seller: the archive of the demo seller holds every order, return, removal, settlement
// and charge, and the checks' JSON every verdict and the items behind it. The built program's runs
// share one spawned process (runScenarios: the bundle loaded afresh for each run, as the executable
// loads it), made once for both tests.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SCENARIOS } from '../../src/adapters/demo/demo-scenarios.js';
import { runScenarios } from '../helpers/cli-async.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox, type CliResult } from '../helpers/cli-process.js';

/** Every file of an archive but the two that say when and where it was made. */
function archivedData(folder: string): Record<string, string> {
  const files = readdirSync(folder).filter((name) => name !== 'manifest.json' && name !== 'index.html');
  return Object.fromEntries(files.sort().map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
}

const archiveArgs = (home: string) => ['archive', '--out', join(home, 'archive'), '--as-of', '2026-11-26', '--demo-scenario', 'blocked'];
const dryRuns = DEMO_SCENARIOS.flatMap((scenario) => ['2026-11-26', '2027-02-01'].map((asOf) => ['--dry-run', '--json', '--demo-scenario', scenario, '--as-of', asOf]));

/** The archive, then every dry run, by the built program in one process. */
let built: Promise<{ home: string; env: Record<string, string>; archive: CliResult; dryRuns: CliResult[] }> | undefined;
function builtRuns() {
  built ??= (async () => {
    const { home, env } = sandbox();
    const [archive, ...rest] = await runScenarios([archiveArgs(home), ...dryRuns].map((args) => ({ args, env })), home);
    return { home, env, archive: archive!, dryRuns: rest };
  })();
  return built;
}

describe('the demo seller in the built program', () => {
  it('is the one its generator makes: the same archive, file for file', async () => {
    const { home, archive } = await builtRuns();
    const here = sandbox();
    expect(archive.code).toBe(0);
    expect((await runMain(archiveArgs(here.home), here.env)).code).toBe(0);
    const data = archivedData(join(home, 'archive'));
    expect(Object.keys(data).length).toBeGreaterThan(10);
    expect(data).toEqual(archivedData(join(here.home, 'archive')));
  });

  it('gives every scenario the same checks, on any day', async () => {
    const { env, dryRuns: spawned } = await builtRuns();
    expect(spawned).toHaveLength(DEMO_SCENARIOS.length * 2);
    for (const [i, args] of dryRuns.entries()) {
      const inProcess = await runMain(args, env);
      expect(spawned[i]!.code, args.join(' ')).toBe(inProcess.code);
      expect(JSON.parse(spawned[i]!.stdout), args.join(' ')).toEqual(JSON.parse(inProcess.stdout));
    }
  });
});
