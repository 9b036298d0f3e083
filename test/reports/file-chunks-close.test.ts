// A report file read only as far as its header (ReportFile.open stops at the first line) is closed
// when the reader stops, gzipped or not. A process that exits hides a file left open; main() run
// in a test worker (runMain), or a portfolio run reading many sellers' folders, does not: each
// gzipped report read to its header was left open (found in review, 2026-12-04, as files deleted
// but still open in the worker after test/cli/reports-cli.test.ts and the SP-API tests).

import { existsSync, mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileChunks } from '../../src/adapters/reports/file-chunks.js';

/** The files under `dir` this process holds open (Linux: /proc/self/fd). */
function openUnder(dir: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(dir) ? [target] : [];
    } catch {
      return []; // the fd readdir itself used, closed since
    }
  });
}

/** Open files under `dir` once the closes under way have run (a stream closes its file a few turns after it is destroyed). */
async function settledOpenUnder(dir: string): Promise<string[]> {
  for (let turn = 0; turn < 200 && openUnder(dir).length > 0; turn++) await new Promise((resolve) => setImmediate(resolve));
  return openUnder(dir);
}

describe.skipIf(!existsSync('/proc/self/fd'))('a report file read in part', () => {
  const text = `order-id\tpurchase-date\n${'111-1234567-1234567\t2026-11-20\n'.repeat(4000)}`;

  it.each([
    ['gzipped', true],
    ['plain', false],
  ])('is closed when its reader stops after the first chunk (%s)', async (_kind, gzip) => {
    const dir = mkdtempSync(join(tmpdir(), 'file-chunks-'));
    const path = join(dir, gzip ? 'orders.txt.gz' : 'orders.txt');
    writeFileSync(path, gzip ? gzipSync(text) : text);
    let chunks = 0;
    for await (const chunk of fileChunks(path, 4096, gzip)) {
      expect(chunk.length).toBeGreaterThan(0);
      if (++chunks === 1) break;
    }
    expect(await settledOpenUnder(dir)).toEqual([]);
  });
});
