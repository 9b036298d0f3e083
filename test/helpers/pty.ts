// Drives the built CLI in a real pseudo-terminal, as a seller at a keyboard would.

import { spawn, type IPty } from '@lydell/node-pty';
import { assertBuilt, CLI } from './cli-process.js';

// Removes colour and cursor-control sequences so the screen can be searched as text.
// eslint-disable-next-line no-control-regex -- matching terminal escape codes is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[=>78]/g;

/**
 * How long a step of a terminal session may take, and a whole session test: generous, because a
 * passing session never waits for it, and a machine loaded many times over (a dozen jobs on two
 * cores) takes seconds to draw one prompt.
 */
export const PTY_STEP_TIMEOUT = 45_000;
export const PTY_TEST_TIMEOUT = 180_000;

export const KEY = { enter: '\r', down: '\u001b[B', up: '\u001b[A', backspace: '\u007f', ctrlC: '\u0003' };

export class PtySession {
  private output = '';
  private readonly exited: Promise<number>;
  readonly pty: IPty;

  constructor(args: string[], env: Record<string, string>, cols = 120) {
    assertBuilt();
    this.pty = spawn(process.execPath, [CLI, ...args], { name: 'xterm-256color', cols, rows: 40, env });
    this.pty.onData((data) => (this.output += data));
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** The raw output, escape codes included. */
  raw(): string {
    return this.output;
  }

  /** All that was shown, without escape codes. */
  screen(): string {
    return this.output.replace(ANSI, '');
  }

  /** Waits until `text` has appeared after `from` (an offset into screen()); returns the new offset. */
  async waitFor(text: string | RegExp, from = 0, timeoutMs = PTY_STEP_TIMEOUT): Promise<number> {
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

  exitCode(timeoutMs = PTY_STEP_TIMEOUT): Promise<number> {
    return Promise.race([
      this.exited,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`No exit. Screen:\n${this.screen()}`)), timeoutMs)),
    ]);
  }
}

/**
 * What a terminal `width` cells wide shows for `raw` output: cursor moves, erasing and redraws
 * applied (as the prompts use them), and every place where text ran past the last column, which
 * the terminal would have wrapped wherever it fell (mid-word).
 */
export function emulateScreen(raw: string, width: number, cellWidth: (ch: string) => number): { rows: string[]; overflows: string[] } {
  const rows: string[][] = [[]];
  const overflows: string[] = [];
  let r = 0;
  let c = 0;
  const row = (i: number) => (rows[i] ??= []);
  const text = (i: number) => row(i).filter((cell) => cell !== '').join('').trimEnd();
  // eslint-disable-next-line no-control-regex -- terminal control sequences are what is interpreted
  const tokens = raw.match(/\u001b\[([0-9;?]*)([A-Za-z@])|\u001b\][^\u0007]*\u0007|\u001b[=>78]|[\s\S]/gu) ?? [];
  for (const token of tokens) {
    // eslint-disable-next-line no-control-regex -- as above
    const csi = /^\u001b\[([0-9;?]*)([A-Za-z@])$/.exec(token);
    if (csi) {
      const n = Number(csi[1]!.split(';')[0]) || 0;
      switch (csi[2]) {
        case 'A': r = Math.max(0, r - (n || 1)); break;
        case 'B': r += n || 1; break;
        case 'C': c += n || 1; break;
        case 'D': c = Math.max(0, c - (n || 1)); break;
        case 'G': c = Math.max(0, (n || 1) - 1); break;
        case 'K': if (n === 2) rows[r] = []; else row(r).length = Math.min(row(r).length, c); break;
        case 'J': row(r).length = Math.min(row(r).length, c); rows.length = r + 1; break;
        default: break; // colours, modes
      }
      continue;
    }
    if (token.startsWith('\u001b')) continue;
    if (token === '\r') { c = 0; continue; }
    if (token === '\n') { r += 1; continue; }
    if (token === '\b') { c = Math.max(0, c - 1); continue; }
    if (token < ' ') continue;
    const w = cellWidth(token);
    if (c + w > width) {
      overflows.push(text(r));
      r += 1;
      c = 0;
    }
    const cells = row(r);
    while (cells.length < c) cells.push(' ');
    cells[c] = token;
    if (w === 2) cells[c + 1] = '';
    c += w;
  }
  return { rows: Array.from({ length: rows.length }, (_, i) => text(i)), overflows };
}
