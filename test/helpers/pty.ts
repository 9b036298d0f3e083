// Drives the built CLI in a real pseudo-terminal, as a seller at a keyboard would.

import { spawn, type IPty } from '@lydell/node-pty';
import { assertBuilt, CLI } from './cli-process.js';

// Removes colour and cursor-control sequences so the screen can be searched as text.
// eslint-disable-next-line no-control-regex -- matching terminal escape codes is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[=>78]/g;

export const KEY = { enter: '\r', down: '\u001b[B', up: '\u001b[A', backspace: '\u007f', ctrlC: '\u0003' };

export class PtySession {
  private output = '';
  private readonly exited: Promise<number>;
  readonly pty: IPty;

  constructor(args: string[], env: Record<string, string>) {
    assertBuilt();
    this.pty = spawn(process.execPath, [CLI, ...args], { name: 'xterm-256color', cols: 120, rows: 40, env });
    this.pty.onData((data) => (this.output += data));
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** All that was shown, without escape codes. */
  screen(): string {
    return this.output.replace(ANSI, '');
  }

  /** Waits until `text` has appeared after `from` (an offset into screen()); returns the new offset. */
  async waitFor(text: string | RegExp, from = 0, timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rest = this.screen().slice(from);
      const match = typeof text === 'string' ? rest.indexOf(text) : rest.search(text);
      if (match >= 0) return from + match + 1;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(text)}. Screen so far:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async type(text: string): Promise<void> {
    this.pty.write(text);
    // Give the prompt a moment to process each burst of keys, as a person would.
    await new Promise((r) => setTimeout(r, 60));
  }

  exitCode(timeoutMs = 15_000): Promise<number> {
    return Promise.race([
      this.exited,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`No exit. Screen:\n${this.screen()}`)), timeoutMs)),
    ]);
  }
}
