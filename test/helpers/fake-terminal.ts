// A Terminal for in-process tests: string buffers for the streams, TTY flags to taste, a fixed
// day, a browser that records what it was asked to open, and an exit that throws.

import { PassThrough } from 'node:stream';
import type { InterruptSignal, Terminal } from '../../src/io/terminal.js';

export interface FakeTerminal extends Terminal {
  output(): string;
  errors(): string;
  opened: string[];
  /** Ctrl-C by default; SIGTERM or SIGHUP as a `kill` sends them. */
  interrupt(signal?: InterruptSignal): void;
}

export class ExitCalled extends Error {
  constructor(readonly code: number) {
    super(`exit(${code})`);
  }
}

export function fakeTerminal(options: { tty?: boolean; env?: Record<string, string>; today?: string } = {}): FakeTerminal {
  const tty = options.tty ?? false;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const handlers: ((signal: InterruptSignal) => void)[] = [];
  const today = options.today ?? '2026-11-26';
  const opened: string[] = [];
  return {
    stdin: new PassThrough(),
    stdout,
    stderr,
    stdinIsTTY: tty,
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    env: { HOME: '/nonexistent-home', ...options.env },
    platform: 'linux',
    nodeVersion: 'v20.0.0',
    today: () => today,
    now: () => new Date(`${today}T12:00:00.000Z`),
    openUrl: async (url) => {
      opened.push(url);
      return true;
    },
    exit: (code) => {
      throw new ExitCalled(code);
    },
    onInterrupt: (handler) => {
      handlers.push(handler);
      return () => handlers.splice(handlers.indexOf(handler), 1);
    },
    output: () => out,
    errors: () => err,
    opened,
    interrupt: (signal = 'SIGINT') => handlers.forEach((h) => h(signal)),
  };
}
