// One temporary folder for the whole run (vitest.config.ts, globalSetup), under which each test
// file's own folder is made (temp-root.ts) and removed after the file. Removing this one when the
// run ends also takes what a file could not remove itself: a file that failed to load never runs
// its afterAll.

import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Memory-backed where the machine has it: the suite makes tens of thousands of small files and
// thousands of SQLite logs, and on the disk each fsync and each new page of a file costs the kernel
// CPU. Side by side on this project's 2-core machines, three alternated rounds with worker
// threads: 77.1 s median on the disk, 73.0 s here, system CPU 38.3 s against 32.2 s (with worker
// processes 81.9 s against 68.9 s). The files are still real files and the logs real SQLite
// databases; only their medium differs.
const MEMORY_BACKED = '/dev/shm';

function parentFolder(): string {
  try {
    if (statSync(MEMORY_BACKED).isDirectory()) {
      accessSync(MEMORY_BACKED, constants.W_OK);
      return MEMORY_BACKED;
    }
  } catch {
    // not on this machine, or not ours to write: the usual temporary folder
  }
  return tmpdir();
}

export default function suiteTemp(): () => void {
  // A parent named by the caller (CLOSE_ACCOUNT_TEST_TMP_PARENT) is theirs to keep.
  if (process.env.CLOSE_ACCOUNT_TEST_TMP_PARENT) return () => {};
  const folder = mkdtempSync(join(parentFolder(), 'close-account-suite-'));
  process.env.CLOSE_ACCOUNT_TEST_TMP_PARENT = folder;
  return () => {
    rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
    delete process.env.CLOSE_ACCOUNT_TEST_TMP_PARENT;
  };
}
