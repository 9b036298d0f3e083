#!/usr/bin/env node
// The close-account executable: answers --version and --help before loading anything, then hands
// over to main() with the real process as its terminal. CommonJS, unlike the rest, because Node
// starts a CommonJS script measurably faster: --version and --help are timed against `node -e 0`.
// The program itself is one bundled file beside this one, loaded with its code cache.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseLanguage, langFlag } from './messages/language.cjs';
import { unsupportedNodeMessage } from './node-support.cjs';

/** package.json's `engines.node`, put here by the build (scripts/build.mjs): no file read at start. */
declare const PACKAGE_ENGINES_NODE: string;

const readVersion = () => (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
const argv = process.argv.slice(2);

// A reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/**
 * `--help` of any command, from the text rendered at build time (scripts/render-help.mjs): the
 * parser and the message catalogue stay unloaded. Only at the width it was rendered at.
 */
function printPrerenderedHelp(): boolean {
  const words = argv.filter((arg, i) => arg !== '--no-color' && arg !== '--lang' && argv[i - 1] !== '--lang' && !arg.startsWith('--lang='));
  const last = words.at(-1);
  if ((last !== '--help' && last !== '-h') || !words.slice(0, -1).every((w) => /^[a-z]+$/.test(w))) return false;
  if (process.stdout.isTTY && process.stdout.columns !== 80) return false;
  const flag = langFlag(argv);
  if (flag === undefined && argv.includes('--lang')) return false; // --lang without its value: the parser says so
  const { language, unknownFlag } = chooseLanguage(flag, process.env);
  if (unknownFlag !== null) return false;
  try {
    const name = words.slice(0, -1).join('-') || 'root';
    process.stdout.write(readFileSync(join(__dirname, 'help', language, `${name}.txt`), 'utf8'));
    return true;
  } catch {
    return false; // not rendered (a typo, say): the parser answers
  }
}

async function run(): Promise<void> {
  const { loadProgram } = await import('./program-loader.cjs'); // not needed by --version and --help
  const { main, processTerminal } = loadProgram(__dirname).program;
  process.exitCode = await main(argv, processTerminal(), { version: readVersion() });
  // The work is done: exit now, rather than let Node take its heap apart first (~3 ms). Unless output
  // is still on its way (a pipe its reader has not emptied yet): a piped JSON document must arrive
  // whole, so Node then exits once stdout and stderr have drained.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}

// In the language asked for (--lang, else the locale): language.cjs is plain code an old Node runs.
const tooOld = unsupportedNodeMessage(process.version, PACKAGE_ENGINES_NODE, chooseLanguage(langFlag(argv), process.env).language);
if (tooOld !== null) {
  // Before anything that an older Node cannot load; exit 2, as for any other input it cannot take.
  process.stderr.write(tooOld);
  process.exitCode = 2;
} else if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${readVersion()}\n`);
} else if (!printPrerenderedHelp()) {
  void run();
}
