// Renders every help screen, in every language, at build time (dist/help/LANG/COMMAND.txt), so
// that `close-account --help` prints without loading the parser or the message catalogue. The
// text is commander's own, rendered by the real program at the default width of 80 columns; a
// test checks that the shortcut prints exactly what the program would.

import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTerminal } from './build-terminal.mjs';

/** Writes the help screens of `program` (dist/close-account.cjs, through its loader) under `dist`/help. */
async function renderHelp(program, dist) {
  for (const language of program.LANGUAGES) {
    mkdirSync(join(dist, 'help', language), { recursive: true });
    // Every command and group of the command list (src/commands/index.ts), and the bare program.
    for (const words of program.helpScreens()) {
      const term = buildTerminal();
      const argv = [...words, '--help', '--lang', language];
      const code = await program.main(argv, term, { version: 'unused' });
      if (code !== 0) throw new Error(`${argv.join(' ')}: exit ${code}`);
      writeFileSync(join(dist, 'help', language, `${words.join('-') || 'root'}.txt`), term.output());
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const { loadProgram } = createRequire(import.meta.url)(join(dist, 'program-loader.cjs'));
  await renderHelp(loadProgram(dist).program, dist);
}
