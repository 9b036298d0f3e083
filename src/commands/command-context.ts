// What every command gets: the terminal, the words, the resolved flags, styles per stream, and
// the run being recorded (so that Ctrl-C can close it properly).

import type { Translate } from '../messages/catalogue.js';
import type { Style } from '../io/style.js';
import type { Terminal } from '../io/terminal.js';
import type { GlobalOptions } from './global-options.js';
import type { RunRecorder } from './run-recorder.js';

export interface CommandContext {
  term: Terminal;
  /** close-account's own version (for the webhook's User-Agent, say). */
  version: string;
  t: Translate;
  options: GlobalOptions;
  /** Style for stdout (data) and stderr (progress, prompts, errors). */
  out: Style;
  err: Style;
  /** The width human output is fitted to (tables, wrapped lines); null to leave lines as they are. */
  columns: number | null;
  /** Data: stdout. */
  print(text: string): void;
  /** Progress, notes and warnings: stderr. */
  say(text: string): void;
  /** A warning about the data: said on stderr, kept for the JSON document and the audit log. */
  warn(text: string): void;
  warnings: string[];
  /** The run being recorded now, if any. */
  currentRun: RunRecorder | null;
}
