// The terminal shows only text: whatever comes from outside (a flag, a SKU or item name in a
// report file, a report file's name, Amazon's rejection reason replayed from the log, a webhook's
// answer) cannot clear the screen, retitle the window or move the cursor in human output, error
// messages included. Control characters other than newline and tab are shown as \uXXXX; JSON
// keeps its exact value.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalText } from '../../src/io/terminal-text.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox, type CliResult } from '../helpers/cli-process.js';
import { HEADERS, readySellerReports, row, writeReport } from '../helpers/report-fixtures.js';
import { anyText } from '../helpers/any-text.js';

const EVIL = '\u001b]0;owned\u0007\u001b[2J\u001b[H\rX\u009b31m\u202eevil';
const SELLER = 'A2DEMO5ELLER7Q';
/** No raw control character but newline and tab, and no escape sequence at all (colour is off outside a terminal). */
// eslint-disable-next-line no-control-regex -- control characters are what the test looks for
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
  it('escapes every control character but newline and tab, and keeps everything else', () => {
    expect(terminalText(`a\tb\nc${EVIL}`)).toBe('a\tb\nc\\u001b]0;owned\\u0007\\u001b[2J\\u001b[H\\u000dX\\u009b31m\\u202eevil');
    expect(terminalText('Café crème 日本語 ✔')).toBe('Café crème 日本語 ✔');
  });

  it('lets close-account\'s own colours through only when colour is on, and nothing else', () => {
    expect(terminalText('\u001b[31mred\u001b[39m', true)).toBe('\u001b[31mred\u001b[39m');
    expect(terminalText('\u001b[31mred\u001b[39m', false)).toBe('\\u001b[31mred\\u001b[39m');
    expect(terminalText('\u001b[8mhidden\u001b]0;t\u0007', true)).toBe('\\u001b[8mhidden\\u001b]0;t\\u0007');
  });

  it('never leaves a raw control character, and JSON text keeps its value (fast-check)', () => {
    fc.assert(
      fc.property(anyText(), (s) => {
        const shown = terminalText(s);
        expect(RAW_CONTROL.test(shown)).toBe(false);
        const json = JSON.stringify({ s });
        expect(JSON.parse(terminalText(json))).toEqual({ s });
      }),
      { numRuns: 2000 },
    );
  });
});

/** Runs one after another on one home, main() in this process: what reaches its stdout and stderr passes the one gate a process's output does (streamText in src/main.ts). */
async function runEach(runs: string[][], env: Record<string, string>): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (const args of runs) results.push(await runMain(args, env));
  return results;
}

describe('outside strings in human output', () => {
  it('--reason-text: escaped in human output and errors, exact in JSON', async () => {
    const { env } = sandbox();
    const args = ['--dry-run', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'other', '--reason-text', EVIL, '--email', 'o@example.com'];
    const [human, json, error] = (await runEach([args, [...args, '--json'], ['check', '--adapter', EVIL]], env)) as [CliResult, CliResult, CliResult];
    expect(RAW_CONTROL.test(human.stdout + human.stderr)).toBe(false);
    expect(human.stdout).toContain('\\u001b]0;owned\\u0007');
    expect(JSON.parse(json.stdout).request.reasonText).toBe(EVIL);
    expect(error.code).toBe(2);
    expect(RAW_CONTROL.test(error.stderr)).toBe(false);
  });

  it('a SKU, an item name and a report file\'s name from the reports folder', async () => {
    const { env } = sandbox();
    const dir = mkdtempSync(join(tmpdir(), 'evil-reports-'));
    readySellerReports(dir);
    // A CR alone ends a row in a report file (old Mac line endings), so the cells carry every escape but that one.
    const cell = EVIL.replace('\r', '');
    writeReport(dir, 'listings.txt', [HEADERS.allListings, row(HEADERS.allListings, { 'item-name': `Mug ${cell}`, 'listing-id': 'L1', 'seller-sku': `SKU${cell}`, 'fulfillment-channel': 'DEFAULT', status: 'Active' })]);
    writeReport(dir, `notes${EVIL}.txt`, ['not a report']);
    const result = await runMain(['check', '--adapter', 'reports', '--reports-dir', dir, '--attest', 'all'], env);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toContain('SKU\\u001b]0;owned');
    expect(result.stderr).toContain('notes\\u001b]0;owned');
    expect(RAW_CONTROL.test(result.stdout + result.stderr)).toBe(false);
  });

  it('a rejection reason recorded with status --record, and replayed from the log', async () => {
    const { env } = sandbox();
    const replays = [['status'], ['audit', 'list'], ['audit', 'export', '--format', 'md'], ['audit', 'export', '--format', 'csv']];
    const submit = ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', SELLER];
    const [submitted, recorded, ...rest] = await runEach([submit, ['status', '--record', 'rejected', '--amazon-reason', EVIL], ...replays, ['status', '--json']], env);
    expect(submitted!.code).toBe(0);
    expect(recorded!.code, recorded!.stderr).toBe(0);
    for (const [i, args] of replays.entries()) {
      const replay = rest[i]!;
      expect(replay.stdout, args.join(' ')).not.toBe(''); // each run's own output, split right
      expect(RAW_CONTROL.test(replay.stdout + replay.stderr), args.join(' ')).toBe(false);
    }
    const json = JSON.parse(rest.at(-1)!.stdout);
    expect(json.requests[0].statuses.at(-1).reason).toBe(EVIL);
  });

  it('a Markdown dossier quotes --reason-text without letting it close the fence or open raw HTML', async () => {
    const { env, home } = sandbox();
    const text = '```\n</pre><script>alert(1)</script>\n```';
    const out = join(home, 'dossier.md');
    const [submitted, , exported] = await runEach(
      [
        ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'other', '--reason-text', text, '--email', 'o@example.com', '--confirm', SELLER],
        ['status', '--record', 'rejected', '--amazon-reason', '<img src=x onerror=alert(1)> [link](javascript:x)'],
        ['audit', 'export', '--format', 'md', '--out', out],
      ],
      env,
    );
    expect(submitted!.code).toBe(0);
    expect(exported!.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    // The quoted text is inside a fence longer than any run of backticks in it, so it cannot close it.
    const block = /^(`{4,})\n([\s\S]*?)\n\1$/m.exec(md);
    expect(block, md).not.toBeNull();
    expect(block![2]).toContain('</pre><script>alert(1)</script>');
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(md).toContain('\\[link\\](javascript:x)');
  });
});
