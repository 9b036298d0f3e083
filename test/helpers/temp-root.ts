// Every test file's temporary folders live under one folder of its own, removed after the file:
// a vitest setup file (vitest.config.ts) points TMPDIR there before the file loads, so every
// mkdtempSync(tmpdir()) of a test, a helper or the code under test lands inside it, and so do the
// spawned CLI's (sandbox() passes TMPDIR on). Killed children and forgotten cleanups leave
// nothing in the machine's /tmp.
//
// The files of a worker share their modules (vitest.config.ts, isolate: false); this file runs
// again before each of them, and empties the one piece of process-wide state the program keeps
// (the secret registry), so each file starts as a process of its own would.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { secrets } from '../../src/security/secret-registry.js';

secrets.clear();

// The machine's temporary folder, as it was before the first file of this worker changed TMPDIR.
const parent = (process.env.CLOSE_ACCOUNT_TEST_TMP_PARENT ??= tmpdir());
const root = mkdtempSync(join(parent, 'close-account-test-'));
process.env.TMPDIR = root;

afterAll(() => {
  rmSync(root, { recursive: true, force: true, maxRetries: 3 });
});
