#!/usr/bin/env node
// Renders every help screen, in every language, at build time (dist/help/LANG/COMMAND.txt), so
// that `close-account --help` prints without loading the parser or the message catalogue. The
// text is commander's own, rendered by the real program at the default width of 80 columns; a
// test checks that the shortcut prints exactly what the program would.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const { main } = await import(join(dist, 'main.js'));
const { LANGUAGES } = await import(join(dist, 'messages', 'language.cjs'));
export const HELP_SCREENS = ['', 'check', 'submit', 'status', 'plan', 'reports', 'fix', 'fix listings', 'audit', 'audit list', 'audit show', 'audit verify', 'audit export'];

async function render(argv) {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk) => (text += chunk.toString()));
  const term = {
    stdin: new PassThrough(), stdout, stderr: new PassThrough(), stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false,
    env: {}, platform: process.platform, nodeVersion: process.version, today: () => '2026-01-01', now: () => new Date(),
    openUrl: async () => false, exit: (code) => { throw new Error(`exit ${code}`); }, onInterrupt: () => () => {},
  };
  const code = await main(argv, term, { version: 'unused' });
  if (code !== 0) throw new Error(`${argv.join(' ')}: exit ${code}`);
  return text;
}

for (const language of LANGUAGES) {
  mkdirSync(join(dist, 'help', language), { recursive: true });
  for (const screen of HELP_SCREENS) {
    const words = screen ? screen.split(' ') : [];
    const text = await render([...words, '--help', '--lang', language]);
    writeFileSync(join(dist, 'help', language, `${words.join('-') || 'root'}.txt`), text);
  }
}
