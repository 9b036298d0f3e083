// Text and tables fitted to the terminal: no line over the width, no word cut while a space or a
// CJK character offers a place to break, columns lined up by display cells.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/render/table.js';
import { visibleWidth, wrapText } from '../../src/io/text-layout.js';
import { anyText } from '../helpers/any-text.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('displayWidth', () => {
  // The width counted one character at a time, as displayWidth defines it (its fast path for text
  // below U+1100 must agree).
  const cellsOneByOne = (text: string) => [...text].reduce((cells, ch) => cells + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1), 0);

  it('counts every text as one character at a time would, ASCII or not', async () => {
    const { displayWidth } = await import('../../src/io/text-layout.js');
    const edges = fc.constantFrom('a', '\u10ff', '\u1100', '\u115f', '\u1160', '\u2e7f', '\u2e80', '閉', '\uff60', '\uff61', '\u{1f600}', '\u{20000}', '\u001b', 'é');
    const text = fc.oneof(fc.string({ unit: 'grapheme-composite' }), fc.string({ unit: edges }), anyText());
    fc.assert(fc.property(text, (t) => displayWidth(t) === cellsOneByOne(t)), { numRuns: 2000 });
  });
});

describe('wrapText', () => {
  it('breaks English between words, under the list marker', () => {
    const text = '    → Create removal or disposal orders for every unit: Inventory → Manage FBA Inventory → select the SKUs.';
    const lines = wrapText(text, 40).split('\n');
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(40);
    expect(lines.slice(1).every((l) => l.startsWith('      '))).toBe(true);
    expect(words(lines.join(' '))).toEqual(words(text));
  });

  it('breaks Japanese between characters, counting two cells each', () => {
    const text = '閉鎖は取り消せません。Amazonは閉鎖したアカウントを二度と再開せず、注文履歴にアクセスできなくなります。';
    const lines = wrapText(text, 30).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(30);
    expect(lines.join('')).toBe(text);
  });

  it('keeps a command in backticks whole, and CJK punctuation with its character', () => {
    const text = '亚马逊答复后，请在此记录：账户关闭后运行 `close-account status --record closed`；同时关闭 US, CA, MX（北美）。';
    const lines = wrapText(text, 40).split('\n');
    expect(lines.some((l) => l.includes('`close-account status --record closed`'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toMatch(/^\s*[、。，）」；]/);
      expect(line).not.toMatch(/[（「]$/);
    }
  });

  it('never counts colour codes, and keeps them', () => {
    const text = `\u001b[31m${'word '.repeat(30).trim()}\u001b[39m`;
    const lines = wrapText(text, 20).split('\n');
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(20);
    expect(lines.join(' ')).toContain('\u001b[31m');
  });

  it('property: every line fits, and no word is cut when it fits a line', () => {
    const word = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9:,.()-]{1,12}$/), fc.constantFrom('閉鎖', '注文履歴', '→', '…', '（北米）。', '`close-account status`'));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 20, max: 120 }), fc.integer({ min: 0, max: 6 }), (ws, width, indent) => {
        const text = ' '.repeat(indent) + ws.join(' ');
        const lines = wrapText(text, width).split('\n');
        for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        const lineWords = new Set(lines.flatMap(words));
        for (const w of ws) if (/^[!-~]+$/.test(w) && w.length <= width / 2) expect(lineWords.has(w)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('renderTable', () => {
  const rows = [
    ['run', 'started', 'finding'],
    ['run-20261203-abc', '2026-12-03 11:00', 'Last sale on 2026-11-20, 6 days ago: Amazon waits 90 days, until 2027-02-18.'],
    ['実行', '注文', '未発送の注文が4件あります。最短の閉鎖日は2027年2月18日です。'],
  ];

  it.each([50, 80, 120])('fits %i columns, each column starting at the same cell', (width) => {
    const lines = renderTable(rows, { width, indent: 2 }).split('\n');
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
    const secondColumn = (line: string) => visibleWidth(line.slice(0, line.indexOf(line.includes('2026-12-03') ? '2026-12-03' : line.includes('注文') ? '注文' : 'started')));
    expect(new Set([lines[0]!, lines[1]!].map(secondColumn)).size).toBe(1);
    expect(secondColumn(lines.find((l) => l.includes('注文'))!)).toBe(secondColumn(lines[0]!));
  });

  it('pads by display width, not characters (Japanese lines up)', () => {
    const text = renderTable([['実行', 'x'], ['ab', 'y']], { width: 80 });
    const [first, second] = text.split('\n');
    expect(visibleWidth(first!.slice(0, first!.indexOf('x')))).toBe(visibleWidth(second!.slice(0, second!.indexOf('y'))));
  });
});

describe('the terminal emulator the wizard test reads its screen with', () => {
  it('finds text run past the last column, and applies redraws', async () => {
    const { emulateScreen } = await import('../helpers/pty.js');
    const { displayWidth } = await import('../../src/io/text-layout.js');
    expect(emulateScreen('x'.repeat(80), 80, displayWidth).overflows).toEqual([]);
    expect(emulateScreen(`${'x'.repeat(81)}`, 80, displayWidth).overflows).toHaveLength(1);
    expect(emulateScreen('閉'.repeat(41), 80, displayWidth).overflows).toHaveLength(1);
    // A prompt redrawn in place: the line is erased and written again; only the last shows.
    const screen = emulateScreen('? Question a\u001b[2K\u001b[G? Question ab\r\n✔ Question abc', 80, displayWidth);
    expect(screen.rows).toEqual(['? Question ab', '✔ Question abc']);
  });
});
