// A terminal of pipes, for running the program inside the build (scripts/render-help.mjs,
// scripts/save-code-cache.mjs): nothing is shown, standard output is kept.

import { PassThrough } from 'node:stream';

export function buildTerminal(env = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let text = '';
  stdout.on('data', (chunk) => (text += chunk.toString()));
  stderr.resume();
  return {
    stdin: new PassThrough(), stdout, stderr, stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false,
    env, platform: process.platform, nodeVersion: process.version, today: () => '2026-01-01', now: () => new Date(),
    openUrl: async () => false, exit: (code) => { throw new Error(`exit ${code}`); }, onInterrupt: () => () => {},
    output: () => text,
  };
}
