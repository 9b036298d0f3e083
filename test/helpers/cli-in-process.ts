// The program's main() run in this process with a fake terminal: what runCli (cli-process.ts)
// gives for a spawned CLI (exit code, stdout, stderr), without paying Node's start-up each time.
// For tests of what the program decides and writes; what only a real process shows (signals, a
// kill mid-run, the working folder, pipes, several processes at once, the executable's own
// --version and --help) stays with runCli.

import { toIsoDate } from '../../src/core/dates.js';
import { main } from '../../src/main.js';
import type { CliResult } from './cli-process.js';
import { fakeTerminal } from './fake-terminal.js';

/** main(args) with `env` as its environment (a sandbox()'s, say) and the real date and time, as a spawned CLI has. */
export async function runMain(args: string[], env: Record<string, string>): Promise<CliResult> {
  const term = fakeTerminal({ env, today: toIsoDate(new Date()) });
  term.now = () => new Date();
  const code = await main(args, term, { version: '0.1.0' });
  return { code, stdout: term.output(), stderr: term.errors() };
}
