// A command owns its definition (the GitHub CLI pattern): its name, help, flags and examples, how
// its flags become one immutable options value (resolve), and what it does with them (run). The
// program (src/main.ts) registers every command of src/commands/index.ts and adds the global
// flags; it knows nothing of any command's flags.

import type { FlagSpec, RawFlags } from '../config/flag-spec.js';
import type { GlobalOptions } from '../config/global-options.js';
import type { Terminal } from '../io/terminal.js';
import type { PlainMessageKey, Translate } from '../messages/catalogue.js';
import type { CommandIo } from './command-io.js';

export type { FlagSpec, RawFlags };

/** What resolve() may read besides the command's own flags. */
export interface Globals {
  /** --json, --no-color, --audit-db, --config (with the config file's values), --verbose. */
  readonly options: GlobalOptions;
  readonly t: Translate;
  /** For the environment, today's date and the home folder; nothing is written in resolve. */
  readonly term: Terminal;
}

export interface CommandDefinition<Options> {
  /** The word that runs it: `check`, or `verify` inside the `audit` group. */
  readonly name: string;
  readonly description: PlainMessageKey;
  /** Words after the name (`audit show <run-id>`). */
  readonly arguments?: readonly { readonly name: string; readonly help: PlainMessageKey }[];
  /** Its own flags, data-source and request flags included where it reads them; never the global ones. */
  readonly flags: readonly FlagSpec[];
  /** Command lines shown under "Examples:" in its help (a test holds them to the command's flags). */
  readonly examples?: readonly string[];
  /** Said after the flags in its help (exit codes, say). */
  readonly helpAfter?: readonly PlainMessageKey[];
  /** Checks the flags once, and returns them as one frozen value; throws UsageError on a bad one. */
  resolve(flags: RawFlags, globals: Globals, args: readonly string[]): Options | Promise<Options>;
  run(options: Options, io: CommandIo): Promise<number>;
}

/** Commands under one word (`audit list|show|verify|export`, `fix listings`). */
export interface CommandGroup {
  readonly name: string;
  readonly description: PlainMessageKey;
  readonly subcommands: readonly AnyCommand[];
}

// Method syntax keeps the options type out of the list's type: each entry is checked where it is defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of commands of different options
export type AnyCommand = CommandDefinition<any>;
export type CommandEntry = AnyCommand | CommandGroup;

export const isGroup = (entry: CommandEntry): entry is CommandGroup => 'subcommands' in entry;

/** Checks a definition's types where it is written: `export const check = defineCommand({ ... })`. */
export function defineCommand<Options>(definition: CommandDefinition<Options>): CommandDefinition<Options> {
  return definition;
}
