// A file found in a folder that lacks its final line break may have been cut inside its last
// cell: an input error. A report document the SP-API adapter downloaded whole (the transfer and
// any gzip completed) may lack it only as Amazon's formatting: its last row is read.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportFile } from '../../src/adapters/reports/report-file.js';
import { CliError } from '../../src/errors.js';
import { t } from '../helpers/records.js';

const dir = mkdtempSync(join(tmpdir(), 'whole-documents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = 'seller-sku\tasin1\tstatus\nSKU-1\tB000000001\tActive\nSKU-2\tB000000002\tActive';

async function skus(file: ReportFile): Promise<string[]> {
  const found: string[] = [];
  for await (const batch of file.batches(0, (row, f) => f.text(row, 0))) found.push(...batch);
  return found;
}

describe('a last row without a line break', () => {
  it('is a cut-off file when found in a folder (exit 2, line named)', async () => {
    const path = join(dir, 'folder.txt');
    writeFileSync(path, text);
    const file = await ReportFile.open(path, null, t);
    const error = await skus(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toContain('3');
  });

  it('is read as a row when the document was downloaded whole', async () => {
    const path = join(dir, 'download.txt');
    writeFileSync(path, text);
    const file = await ReportFile.open(path, null, t, { whole: true });
    expect(await skus(file)).toEqual(['SKU-1', 'SKU-2']);
  });
});
