// The one object through which commands reach the outside world: streams, whether they are
// terminals, the environment, the clock, the browser and Ctrl-C. Tests build their own.

import { toIsoDate, type IsoDate } from '../core/dates.js';

/** The signals that stop a run: each is recorded in the audit log before the process exits. */
export const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type InterruptSignal = (typeof INTERRUPT_SIGNALS)[number];

export interface Terminal {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's width in cells, when stdout or stderr is one. */
  columns?: number;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  nodeVersion: string;
  today(): IsoDate;
  now(): Date;
  /** Opens a URL in the user's browser; false when no browser could be started. */
  openUrl(url: string): Promise<boolean>;
  /** Ends the process now (after Ctrl-C); tests make it throw instead. */
  exit(code: number): never;
  /**
   * Runs `handler` on Ctrl-C (SIGINT), and on SIGTERM and SIGHUP (a `kill`, `timeout`, a CI job
   * cancelled, the terminal closed), which stop a run as surely; returns the function that removes it.
   */
  onInterrupt(handler: (signal: InterruptSignal) => void): () => void;
}

/** Prompts need a keyboard and a screen: stdin and stderr (where prompts are drawn) must be terminals. */
export function canPrompt(term: Terminal): boolean {
  // stderr first: on the real process, asking about stdin creates its stream (see processTerminal).
  return term.stderrIsTTY && term.stdinIsTTY;
}

function browserCommand(platform: NodeJS.Platform, env: Terminal['env']): [string, string[]] {
  if (env.BROWSER) return [env.BROWSER, []];
  if (platform === 'darwin') return ['open', []];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""']];
  return ['xdg-open', []];
}

export function processTerminal(): Terminal {
  return {
    // stdin only when asked for: Node creates its stream on first use (a pipe's loads the network
    // stack), and only prompts read it, which need stderr to be a terminal too (canPrompt).
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.columns || process.stderr.columns || undefined,
    env: process.env,
    platform: process.platform,
    nodeVersion: process.version,
    now: () => new Date(),
    today: () => toIsoDate(new Date()),
    openUrl: async (url) => {
      const { spawn } = await import('node:child_process');
      return new Promise((resolve) => {
        const [command, args] = browserCommand(process.platform, process.env);
        const child = spawn(command, [...args, url], { stdio: 'ignore', detached: true });
        child.once('error', () => resolve(false));
        child.once('spawn', () => {
          child.unref();
          resolve(true);
        });
      });
    },
    exit: (code) => process.exit(code),
    onInterrupt: (handler) => {
      const listeners = INTERRUPT_SIGNALS.map((signal) => [signal, () => handler(signal)] as const);
      for (const [signal, listener] of listeners) process.on(signal, listener);
      return () => {
        for (const [signal, listener] of listeners) process.off(signal, listener);
      };
    },
  };
}

/**
 * The width human output is fitted to on `stream`: the terminal's when it is one (or COLUMNS,
 * when set); null when output goes to a file or a pipe, which is left unbroken for scripts.
 */
export function layoutWidth(term: Terminal, stream: 'stdout' | 'stderr'): number | null {
  const fromEnv = Number(term.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv >= 20) return fromEnv;
  const tty = stream === 'stdout' ? term.stdoutIsTTY : term.stderrIsTTY;
  return tty && term.columns && term.columns >= 20 ? term.columns : null;
}
