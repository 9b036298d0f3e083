// Every command's human output fits the terminal at 80 and 120 columns, in each language: no line
// runs past the width (the terminal would break it wherever it fell, mid-word).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { visibleWidth } from '../../src/io/text-layout.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const READY = ['--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com'];

describe.each([80, 120])('at %i columns', (columns) => {
  it.each(['en', 'zh-CN', 'ja'])('%s: check, plan, submit, status, audit list and show fit', async (lang) => {
    const path = join(mkdtempSync(join(tmpdir(), 'fits-')), 'audit.db');
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
    const over = texts.flatMap((text) => text.split('\n')).flatMap((line) => line.split('\r')).filter((line) => visibleWidth(line) > columns);
    expect(over).toEqual([]);
  });
});
