// Every command's human output fits the terminal at 80 and 120 columns, in each language: no line
// runs past the width (the terminal would break it wherever it fell, mid-word).

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { visibleWidth } from '../../src/io/text-layout.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

/**
 * The audit log's path is printed (in Japanese it starts a line, right after the progress line is
 * erased), so its length decides how that line breaks: made 100 characters (longer than either
 * width's first line, so it is always cut there) whatever TMPDIR is, unless TMPDIR alone is longer,
 * so that the result does not depend on the machine's temporary folder (it failed once when the
 * benchmark's longer TMPDIR made the path 82 characters; see visibleCells).
 */
function auditPathOfFixedLength(length = 100): string {
  const base = mkdtempSync(join(tmpdir(), 'fits-'));
  const pad = 'p'.repeat(Math.max(1, length - base.length - '/audit.db'.length - 1));
  mkdirSync(join(base, pad));
  return join(base, pad, 'audit.db');
}

/**
 * Cells a line takes on a terminal: every control sequence (CSI) is zero cells, not only colours.
 * The line after a progress line starts with "erase line" (ESC [2K), which visibleWidth counts as
 * four cells: a line filled to the width (a long path cut there) read as four cells too long.
 */
// eslint-disable-next-line no-control-regex -- control sequences are what is skipped
const visibleCells = (line: string) => visibleWidth(line.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''));

const READY = ['--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com'];

describe.each([80, 120])('at %i columns', (columns) => {
  it.each(['en', 'zh-CN', 'ja'])('%s: check, plan, submit, status, audit list and show fit', async (lang) => {
    const path = auditPathOfFixedLength();
    const texts: string[] = [];
    const run = async (argv: string[]) => {
      const term = fakeTerminal({ tty: true, env: { COLUMNS: String(columns) } });
      await main([...argv, '--lang', lang, '--audit-db', path], term, { version: '1' });
      texts.push(term.output(), term.errors());
      return term.output();
    };
    await run(['check']);
    await run(['plan']);
    await run(['check', '--demo-scenario', 'waiting']);
    await run(['submit', ...READY, '--confirm', 'A2DEMO5ELLER7Q']);
    await run(['status']);
    const list = await run(['audit', 'list']);
    await run(['audit', 'show', /run-[\dT]+-[0-9a-f]+/.exec(list)![0]]);
    await run(['chek']);
    // A line redrawn in place (progress) shows only what follows its last carriage return.
    const over = texts.flatMap((text) => text.split('\n')).flatMap((line) => line.split('\r')).filter((line) => visibleCells(line) > columns);
    expect(over).toEqual([]);
  });
});
