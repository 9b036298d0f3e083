// Defects found by trying the tool as a new seller would (attack 14), one test each.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const db = () => join(mkdtempSync(join(tmpdir(), 'attack-14-')), 'audit.db');

async function json(argv: string[], today = '2026-12-03') {
  const term = fakeTerminal({ today });
  await main([...argv, '--json'], term, { version: '1' }).catch(() => undefined);
  return JSON.parse(term.output()) as { verdict: string; checks: { id: string; status: string; count: number; summary: string }[] };
}

describe('--as-of in the future: the clock moves, the data stays', () => {
  it('orders the data shows open stay open, however far ahead the day is', async () => {
    const path = db();
    for (const asOf of ['2027-03-20', '2030-01-01']) {
      const doc = await json(['check', '--as-of', asOf, '--attest', 'all', '--audit-db', path]);
      const open = doc.checks.find((c) => c.id === 'open-orders')!;
      expect(open.status, asOf).toBe('fail');
      expect(open.count, asOf).toBe(4);
      // The last sale is the data's own, not "no sale since" a day the data never reached.
      expect(doc.checks.find((c) => c.id === 'last-sale-window')!.summary, asOf).toContain('2026-11-20');
    }
  });
});

describe('a question\'s error message fits the terminal', () => {
  it('is broken between words, not at the edge mid-id', async () => {
    const { inquirerPrompter } = await import('../../src/io/prompter.js');
    const { loadMessages, translator } = await import('../../src/messages/catalogue.js');
    const { displayWidth } = await import('../../src/render/text-layout.js');
    const term = { ...fakeTerminal({ tty: true }), columns: 80 };
    const t = translator(await loadMessages('zh-CN'));
    const refusal = t('wizard.seller-id-other', { given: 'A1B2C3D4E5F6G7', known: 'A2DEMO5ELLER7Q' });
    const prompter = inquirerPrompter(term, t);
    let tries = 0;
    const answer = prompter.input({ message: '?', validate: () => (tries++ === 0 ? refusal : true) });
    const stdin = term.stdin as import('node:stream').PassThrough;
    // Each key once the prompt shows what it waits for: no real time waited.
    const shown = (text: string) =>
      new Promise<void>((resolve) => {
        const look = () => (term.errors().includes(text) ? resolve() : term.stderr.once('data', () => setImmediate(look)));
        look();
      });
    await shown('?');
    stdin.write('A1B2C3D4E5F6G7\r');
    await shown('ER7Q');
    stdin.write('\r');
    await answer;
    // eslint-disable-next-line no-control-regex -- the prompt's own cursor and colour codes
    const lines = term.errors().replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '\n').split('\n');
    // Both mentions of the seller ID are whole, on one line each.
    expect(lines.join('\n').split('A2DEMO5ELL').length).toBe(lines.join('\n').split('A2DEMO5ELLER7Q').length);
    expect(lines.join('\n').split('A2DEMO5ELLER7Q').length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
  });
});
