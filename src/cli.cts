#!/usr/bin/env node
// The close-account executable: answers --version and --help before loading anything, then hands
// over to main() with the real process as its terminal. CommonJS, unlike the rest, because Node
// starts a CommonJS script measurably faster: --version and --help are timed against `node -e 0`.
// The program itself is one bundled file beside this one, loaded with its code cache.

import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { chooseLanguage, langFlag } from './messages/language.cjs';
import { unsupportedNodeMessage } from './node-support.cjs';
import { outputFailedMessage, unloadableProgramMessage } from './output-failure.cjs';

/** package.json's `engines.node`, put here by the build (scripts/build.mjs): no file read at start. */
declare const PACKAGE_ENGINES_NODE: string;

const readVersion = () => (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
const argv = process.argv.slice(2);

// A write to stdout or stderr that fails is not worth a stack trace: Node would throw it from the
// stream's 'error' event. A reader that stops early (`| head`) closes the pipe: the rest of the
// output is not wanted, and the command still finishes (its run recorded whole) and exits with its
// own code. Any other failure (a full disk, a stream that cannot be written) is said at exit.
const failedWrites = new Map<NodeJS.WriteStream, string>();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && !failedWrites.has(stream)) failedWrites.set(stream, error.code ?? error.name);
  });
}

/**
 * Why writing to `stream` failed, other than its reader going away; null when it did not. Node
 * reports it on the next tick and then clears the stream's error (stdout is never left destroyed):
 * a failure not yet reported is read from the stream itself.
 */
function failedWrite(stream: NodeJS.WriteStream): string | null {
  const pending = (stream as { errored?: NodeJS.ErrnoException | null }).errored;
  if (pending && pending.code !== 'EPIPE' && !failedWrites.has(stream)) failedWrites.set(stream, pending.code ?? pending.name);
  return failedWrites.get(stream) ?? null;
}

const language = () => chooseLanguage(langFlag(argv), process.env).language;

// Output that did not arrive whole is never a success: stdout that could not be written (the data
// asked for) makes the exit code 2, as a file that --out cannot write does; stderr's failure alone
// leaves the command's code (its data arrived), and cannot be said.
process.on('exit', (code) => {
  const stdout = failedWrite(process.stdout);
  const stderr = failedWrite(process.stderr);
  if (stdout === null && stderr === null) return;
  if (stderr === null) {
    try {
      writeSync(2, outputFailedMessage('stdout', stdout!, language()));
    } catch {
      // stderr went meanwhile: the exit code says it.
    }
  }
  // A run stopped by a signal keeps its code (129 when SIGHUP took the terminal the output went to).
  if (stdout !== null && code < 128) process.exitCode = 2;
});

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

/**
 * A file of the installation that cannot be loaded (the bundle, a catalogue, package.json: dist/
 * incomplete, cut short, edited, or copied without its package.json): said, never a stack trace.
 */
function cannotStart(error: unknown): void {
  const { code, name, message, path } = error as NodeJS.ErrnoException;
  const missing = /Cannot find module '([^']+)'/.exec(message)?.[1];
  const file = path ?? (missing ? join(__dirname, missing) : join(__dirname, 'close-account.cjs'));
  process.stderr.write(unloadableProgramMessage(file, code ?? `${name}: ${message.split('\n')[0]}`, language()));
  process.exitCode = 1;
}

async function run(): Promise<void> {
  const { loadProgram } = await import('./program-loader.cjs'); // not needed by --version and --help
  try {
    const { main, processTerminal } = loadProgram(__dirname).program;
    // main() throws only what it cannot say itself: a file of the build it loads on the way (the
    // chosen language's catalogue, dist/messages-ja.cjs) missing or damaged.
    process.exitCode = await main(argv, processTerminal(), { version: readVersion() });
  } catch (error) {
    cannotStart(error);
    return;
  }
  // The work is done: exit now, rather than let Node take its heap apart first (~3 ms). Unless output
  // is still on its way (a pipe its reader has not emptied yet): a piped JSON document must arrive
  // whole, so Node then exits once stdout and stderr have drained.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}

// In the language asked for (--lang, else the locale): language.cjs is plain code an old Node runs.
const tooOld = unsupportedNodeMessage(process.version, PACKAGE_ENGINES_NODE, language());
if (tooOld !== null) {
  // Before anything that an older Node cannot load; exit 2, as for any other input it cannot take.
  process.stderr.write(tooOld);
  process.exitCode = 2;
} else if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  try {
    process.stdout.write(`${readVersion()}\n`);
  } catch (error) {
    cannotStart(error);
  }
} else if (!printPrerenderedHelp()) {
  void run();
}
