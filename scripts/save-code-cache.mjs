#!/usr/bin/env node
// Saves V8's code cache for dist/close-account.cjs (see src/program-loader.cts), made by running
// what users run most, `check` and `--dry-run` on the demo seller, with a new and then an
// existing audit log in its default place (under XDG_DATA_HOME, here a temporary folder). Run in a process of its own by the build: V8 takes a cache only from a
// process with the same flags, and only what ran here is in it (a bigger cache loads slower).

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTerminal } from './build-terminal.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const { loadProgram } = createRequire(import.meta.url)(join(dist, 'program-loader.cjs'));
const loaded = loadProgram(dist);
const home = mkdtempSync(join(tmpdir(), 'close-account-build-'));
try {
  for (const argv of [['check'], ['check', '--json'], ['--dry-run']]) {
    const term = buildTerminal({ XDG_DATA_HOME: home, HOME: home });
    const code = await loaded.program.main(argv, term, { version: 'unused' });
    if (code !== 0 && code !== 3) throw new Error(`code cache: ${argv.join(' ')} exited ${code}`);
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
loaded.saveCodeCache();
