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
