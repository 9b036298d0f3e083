// The real process's terminal creates stdin's stream only when it is used: Node builds it on first
// access (a pipe's loads the network stack), and a run that cannot prompt never needs it.

import { describe, expect, it } from 'vitest';
import { canPrompt, processTerminal, type Terminal } from '../../src/io/terminal.js';

describe('terminal', () => {
  it('asks about stdin only when stderr is a terminal (prompts need both)', () => {
    let asked = 0;
    const term = (stderrIsTTY: boolean) =>
      ({
        stderrIsTTY,
        get stdinIsTTY() {
          asked += 1;
          return true;
        },
      }) as unknown as Terminal;
    expect(canPrompt(term(false))).toBe(false);
    expect(asked).toBe(0);
    expect(canPrompt(term(true))).toBe(true);
    expect(asked).toBe(1);
  });

  it('leaves stdin to be read when first asked for', () => {
    const term = processTerminal();
    expect(Object.getOwnPropertyDescriptor(term, 'stdin')?.get).toBeTypeOf('function');
    expect(Object.getOwnPropertyDescriptor(term, 'stdinIsTTY')?.get).toBeTypeOf('function');
    expect(term.stdin).toBe(process.stdin);
    expect(term.stdinIsTTY).toBe(Boolean(process.stdin.isTTY));
  });
});
