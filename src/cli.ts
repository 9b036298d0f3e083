#!/usr/bin/env node
// The close-account executable: answers --version before loading anything, then hands over to
// main() with the real process as its terminal.

import { readFileSync } from 'node:fs';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const argv = process.argv.slice(2);

// A reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`);
} else {
  const [{ main }, { processTerminal }] = await Promise.all([import('./main.js'), import('./io/terminal.js')]);
  const code = await main(argv, processTerminal(), { version });
  // Let stdout drain before exiting: a piped JSON document must arrive whole.
  process.exitCode = code;
}
