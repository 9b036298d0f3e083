// A row longer than a read chunk (64 KiB for a small file or a gzip's inflated output) is carried
// across chunks and joined once when its line ends: each row read whole, in order, whatever the
// line endings, gzipped or not. (Joining at every chunk copied a long row over and over: a row
// 8 MB long without a break took 1.8 s to refuse, 0.2 s now.)

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportFile } from '../../src/adapters/reports/report-file.js';
import { t } from '../helpers/records.js';

const dir = mkdtempSync(join(tmpdir(), 'long-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Rows of 10 bytes to 2.5 MB: the long ones span up to 40 chunks (1 MiB for a plain file this size), and the short ones between them
// start and end inside one.
const names = ['short', 'x'.repeat(2_500_000), 'y', 'z'.repeat(70_000), 'w'.repeat(65_536), 'last'];

async function rows(file: ReportFile): Promise<[string, number][]> {
  const found: [string, number][] = [];
  for await (const batch of file.batches(1, (row, f) => [f.text(row, 0), f.text(row, 1).length] as [string, number])) found.push(...batch);
  return found;
}

describe('rows longer than a chunk', () => {
  it.each([
    ['LF', '\n', false],
    ['CRLF', '\r\n', false],
    ['CR', '\r', false],
    ['LF, gzipped', '\n', true],
    ['CRLF, gzipped', '\r\n', true],
    ['CR, gzipped', '\r', true],
  ])('are each read whole (%s)', async (_kind, eol, gzip) => {
    const text = ['seller-sku\titem-name', ...names.map((name, i) => `SKU-${i}\t${name}`)].join(eol) + eol;
    const path = join(dir, `listings-${eol.length}${eol[0] === '\r' ? 'r' : 'n'}${gzip ? '.txt.gz' : '.txt'}`);
    writeFileSync(path, gzip ? gzipSync(text) : text);
    const file = await ReportFile.open(path, null, t);
    expect(await rows(file)).toEqual(names.map((name, i) => [`SKU-${i}`, name.length]));
  });
});
