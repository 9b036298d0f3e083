// One temporary folder for the whole run (vitest.config.ts, globalSetup), under which each test
// file's own folder is made (temp-root.ts) and removed after the file. Removing this one when the
// run ends also takes what a file could not remove itself: a file that failed to load never runs
// its afterAll.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function suiteTemp(): () => void {
  // A parent named by the caller (CLOSE_ACCOUNT_TEST_TMP_PARENT) is theirs to keep.
  if (process.env.CLOSE_ACCOUNT_TEST_TMP_PARENT) return () => {};
  const folder = mkdtempSync(join(tmpdir(), 'close-account-suite-'));
  process.env.CLOSE_ACCOUNT_TEST_TMP_PARENT = folder;
  return () => {
    rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
    delete process.env.CLOSE_ACCOUNT_TEST_TMP_PARENT;
  };
}
