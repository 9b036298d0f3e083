// What every command gets to reach the world: the terminal, the words, styles per stream, and
// the run being recorded (so that Ctrl-C can close it properly). Options are not here: each
// command resolves its own (see command-definition.ts).

import type { RunRecorder } from '../audit/run-recorder.js';
import type { Prompter } from '../io/prompter.js';
import type { Style } from '../io/style.js';
import type { Terminal } from '../io/terminal.js';
import type { Translate } from '../messages/catalogue.js';

export interface CommandIo {
  readonly term: Terminal;
  /** close-account's own version (for the webhook's User-Agent, say). */
  readonly version: string;
  readonly t: Translate;
  /** Style for stdout (data) and stderr (progress, prompts, errors). */
  readonly out: Style;
  readonly err: Style;
  /** The width human output is fitted to (tables, wrapped lines); null to leave lines as they are. */
  readonly columns: number | null;
  /** Data: stdout, fitted to the terminal. */
  print(text: string): void;
  /** Data in a file format (an export): stdout, its lines never wrapped. */
  printAsIs(text: string): void;
  /** Progress, notes and warnings: stderr. */
  say(text: string): void;
  /** A warning about the data: said on stderr, kept for the JSON document and the audit log. */
  warn(text: string): void;
  readonly warnings: readonly string[];
  /** The run being recorded now, if any (withRecordedRun sets it). */
  currentRun: RunRecorder | null;
  /**
   * For a command that records several runs at once (portfolio): on Ctrl-C, closes them in the
   * audit log (synchronously) and returns what to tell the seller instead of the one-run message.
   */
  onInterrupted?: (() => string) | null;
  /** Whether questions may be asked: a terminal on both ends. */
  readonly canPrompt: boolean;
  /** What asks the questions (a test may bring its own). */
  prompter(): Promise<Prompter>;
}
