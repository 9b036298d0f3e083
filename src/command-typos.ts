// Commander would call a mistyped command "too many arguments" (the bare program takes none), and
// a command group given without its subcommand prints help and exits 0. Walking the words first
// lets close-account say what is wrong, in the seller's language, and suggest the nearest name.

import type { Command, Option } from 'commander';
import { editDistance } from './core/edit-distance.js';

export type CommandProblem =
  | { kind: 'unknown'; name: string; nearest: string; choices: string[]; parent: string | null }
  | { kind: 'missing'; command: string; choices: string[] };

export function nearestName(word: string, names: string[]): string {
  return [...names].sort((x, y) => editDistance(word, x) - editDistance(word, y) || x.localeCompare(y))[0]!;
}

function optionFor(cmd: Command, flag: string): Option | undefined {
  for (let c: Command | null = cmd; c; c = c.parent) {
    const found = c.options.find((o) => o.long === flag || o.short === flag);
    if (found) return found;
  }
  return undefined;
}

/** The first word that names no command, or a command group left without its subcommand; null when the words are fine. */
export function commandProblem(program: Command, argv: string[]): CommandProblem | null {
  let cmd = program;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return null;
    if (word.startsWith('-')) {
      if (word === '-h' || word === '--help' || word === '-V' || word === '--version') return null;
      if (word.includes('=')) continue;
      const option = optionFor(cmd, word);
      // A flag this command line does not take here: whether the next word is its value is unknown,
      // so that word is not judged as a command; the parser names the flag instead.
      if (!option) return null;
      if (option.required || option.optional) i += 1;
      continue;
    }
    // A word for a command that takes arguments is its argument; commander checks those.
    if (cmd.commands.length === 0) return null;
    const names = cmd.commands.map((c) => c.name());
    const sub = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    // `help`, as many programs take it, is not one letter from `check`: it means --help.
    const nearest = word === 'help' ? '--help' : nearestName(word, names);
    if (!sub) return { kind: 'unknown', name: word, nearest, choices: names, parent: cmd === program ? null : cmd.name() };
    cmd = sub;
  }
  // A group that runs on its own too (archive, and archive verify) is not missing a subcommand.
  const runsAlone = Boolean((cmd as unknown as { _actionHandler?: unknown })._actionHandler);
  if (cmd !== program && cmd.commands.length > 0 && !runsAlone) return { kind: 'missing', command: cmd.name(), choices: cmd.commands.map((c) => c.name()) };
  return null;
}
