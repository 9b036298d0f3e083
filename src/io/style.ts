// Colour for one output stream: off when the stream is not a terminal, when NO_COLOR is set and
// not empty, when TERM=dumb or with --no-color (chalk reads none of these by itself).

import type { Terminal } from './terminal.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  enabled: boolean;
}

export function colourWanted(term: Terminal, stream: 'stdout' | 'stderr', noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (term.env.NO_COLOR) return false;
  if (term.env.FORCE_COLOR && term.env.FORCE_COLOR !== '0') return true;
  if (term.env.TERM === 'dumb') return false;
  return stream === 'stdout' ? term.stdoutIsTTY : term.stderrIsTTY;
}

/** Text as it is: the style when colour is off. */
export const PLAIN: Style = {
  bold: (s) => s,
  dim: (s) => s,
  red: (s) => s,
  green: (s) => s,
  yellow: (s) => s,
  cyan: (s) => s,
  enabled: false,
};

/** chalk is loaded only when colour is on: scripts and pipes never pay for it. */
export async function styleFor(enabled: boolean): Promise<Style> {
  if (!enabled) return PLAIN;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return {
    bold: (s) => chalk.bold(s),
    dim: (s) => chalk.dim(s),
    red: (s) => chalk.red(s),
    green: (s) => chalk.green(s),
    yellow: (s) => chalk.yellow(s),
    cyan: (s) => chalk.cyan(s),
    enabled,
  };
}
