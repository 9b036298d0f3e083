import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './test/helpers/longest-first.js';

export default defineConfig({
  // .cts too: the executable's entry and the language choice it shares are CommonJS (src/cli.cts).
  oxc: { include: /\.([cm]?ts|[jt]sx)$/ },
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file's temporary folders go under one folder that is removed after the file.
    setupFiles: ['test/helpers/temp-root.ts'],
    // ...and those under one folder for the run, removed when it ends (even a file's that failed to load).
    globalSetup: ['test/helpers/suite-temp.ts'],
    // vitest's default is one worker fewer than the cores: one worker on a 2-core machine, where
    // a file waiting on a spawned CLI or a socket leaves the other core idle. One more worker
    // than cores keeps both busy; more only adds contention.
    maxWorkers: availableParallelism() + 1,
    // Worker threads, not processes. Processes measured a little faster here (68.9 s median
    // against 73.0 s, three alternated rounds, 1.32 against 1.53 million page faults), but two of
    // some twenty whole runs with them failed (one a pseudo-terminal wizard whose output stopped
    // mid-screen, the other not captured), and none of a dozen with threads that day: a suite
    // that fails now and then costs more than four seconds.
    pool: 'threads',
    // The files a worker runs share one module graph: most import the program's whole graph, and
    // importing it afresh for each of 87 files cost some 30% of the suite's CPU (141 -> 98 s).
    // The program keeps one piece of process-wide state, the secret registry, which the setup
    // file empties before each file; test files are still evaluated afresh, and the setup file
    // runs before each. A file that vi.mock()s a module the program imports loads the program's
    // modules afresh (vi.resetModules(), then import()), as test/audit/durability.test.ts does.
    isolate: false,
    // The longest files start first, so that no long file runs alone at the end (longest-first.ts).
    sequence: { sequencer: LongestFirstSequencer },
    testTimeout: 30_000,
    // Each module's transform (TypeScript to JavaScript, ~10 s of CPU a run) is kept on disk under
    // node_modules, keyed by the file's content and this configuration: a run after the first in a
    // checkout transforms only what changed (vitest 5 makes this the default). A fresh clone, as
    // CI's, starts without it.
    experimental: { fsModuleCache: true },
    hookTimeout: 60_000,
  },
});
