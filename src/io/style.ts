// Colour for one output stream: off when the stream is not a terminal, when NO_COLOR is set and
// not empty, when TERM=dumb or with --no-color (chalk reads none of these by itself).

import { Chalk } from 'chalk';
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

export function styleFor(enabled: boolean): Style {
  const chalk = new Chalk({ level: enabled ? 1 : 0 });
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
