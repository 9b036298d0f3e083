// scripts/merge-portfolio.mjs: an accounts file split in two parts and checked separately (as a job
// runner would) merges into the document one run over the whole file gives, under the same schema;
// overlapping parts and documents of another kind are refused (exit 2).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { portfolioJsonSchema } from '../../src/render/portfolio-json-schema.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const home = mkdtempSync(join(tmpdir(), 'ca-merge-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'merge-portfolio.mjs');

const ACCOUNTS = [
  '  - { name: Acme US, sellerId: A1ACME0000001, region: north-america, source: { kind: demo, scenario: ready } }',
  '  - { name: Beta JP, sellerId: A2BETA0000001, region: japan, source: { kind: reports, folder: missing } }',
  '  - { name: Acme EU, sellerId: A1ACME0000001, region: europe, source: { kind: demo, scenario: waiting } }',
];

async function check(name: string, lines: string[]): Promise<string> {
  const file = join(home, `${name}.yaml`);
  writeFileSync(file, `version: 1\naccounts:\n${lines.join('\n')}\n`);
  const term = fakeTerminal({ env: { HOME: home } });
  await main(['portfolio', 'check', '--accounts', file, '--dry-run', '--attest', 'all', '--json'], term, { version: '1' });
  const out = join(home, `${name}.json`);
  writeFileSync(out, term.output());
  return out;
}

const merge = (...files: string[]) => spawnSync(process.execPath, [SCRIPT, ...files], { encoding: 'utf8' });
/** The script's merge itself, in this process; what it does as a process (its exit code, its stdout and stderr) is run above. */
// @ts-expect-error: a plain ESM script, without types
const { mergePortfolio } = (await import('../../scripts/merge-portfolio.mjs')) as { mergePortfolio: (documents: unknown[]) => unknown };

describe('merge-portfolio', () => {
  it('two parts merge into what one run over the whole file says', async () => {
    const whole = portfolioJsonSchema.parse(JSON.parse(readFileSync(await check('whole', ACCOUNTS), 'utf8')));
    const merged = merge(await check('part-1', [ACCOUNTS[0]!, ACCOUNTS[1]!]), await check('part-2', [ACCOUNTS[2]!]));
    expect(merged.status, merged.stderr).toBe(4);
    const doc = portfolioJsonSchema.parse(JSON.parse(merged.stdout));
    const strip = (d: typeof whole) => ({ ...d, generatedAt: '', accountsFile: '', accounts: d.accounts.map((a) => ({ ...a, warnings: [] })) });
    expect(strip(doc)).toEqual(strip(whole));
    // The seller split across the parts is one seller with two independent requests.
    expect(doc.regions.find((r) => r.sellerId === 'A1ACME0000001')?.requests.map((r) => r.region)).toEqual(['north-america', 'europe']);
  });

  it('refuses parts that overlap, and what is not a portfolio document', async () => {
    const part = await check('overlap', [ACCOUNTS[0]!]);
    const overlap = merge(part, part);
    expect(overlap.status).toBe(2);
    expect(overlap.stderr).toContain('the parts overlap');
    // The script refuses as a process (exit 2, said) what its merge throws, as the overlap above
    // shows, and what it cannot read: the merge alone refuses a document of another kind.
    expect(() => mergePortfolio([{ schemaVersion: 1, verdict: 'ready' }])).toThrow('is not a portfolio check --json document');
    const none = merge(join(home, 'none.json'));
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('cannot be read');
  });
});
