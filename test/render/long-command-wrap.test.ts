// Outside testing (round y-3): a command in backticks wider than the terminal was cut one character
// at a time, "--confirm I|D" at 80 columns. It is broken between its words instead; a command that
// fits is still never broken, and only a single word wider than the line is cut.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, wrapLine } from '../../src/io/text-layout.js';

const COMMAND = '`close-account submit --seller-id ID --reason REASON --email ADDRESS --confirm ID`';

describe('a command in backticks wider than the line', () => {
  it('is broken between its words, every word whole (the wizard outside a terminal, at 80 columns)', () => {
    const lines = wrapLine(`ready, or ${COMMAND} to submit without questions.`, 80);
    expect(lines.every((l) => displayWidth(l) <= 80)).toBe(true);
    expect(lines.join('\n')).toContain('--confirm ID`');
    const words = COMMAND.split(' ');
    for (const word of words) expect(lines.some((l) => l.split(' ').includes(word) || l.includes(word)), word).toBe(true);
  });

  it('a command that fits the line is still kept on one line', () => {
    const lines = wrapLine(`Then run ${'`close-account status --record closed`'} when Amazon answers, and keep the dossier.`, 40);
    expect(lines.some((l) => l.includes('`close-account status --record closed`'))).toBe(true);
  });

  it('property: words of a too-long command are never cut, whatever the width', () => {
    const word = fc.stringMatching(/^[a-z-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 12 }), fc.integer({ min: 20, max: 100 }), (words, width) => {
        const command = `\`${words.join(' ')}\``;
        const lines = wrapLine(`Run ${command} now.`, width);
        const rejoined = lines.map((l) => l.trim()).join(' ');
        // Every word of the command is whole on some line (none is split across two).
        for (const w of words) expect(lines.some((l) => l.includes(w))).toBe(true);
        expect(rejoined.replace(/\s+/g, ' ')).toBe(`Run ${command} now.`);
        for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 300 },
    );
  });
});
