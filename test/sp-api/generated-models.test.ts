// The SP-API types are generated from Amazon's models and committed: they must match what the
// generator makes from the models today.

import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli-process.js';

const models = resolve(ROOT, '..', 'shared', 'spapi-models');

describe('generated SP-API types', () => {
  it.skipIf(!existsSync(models))('are what the generator makes from ../shared/spapi-models', async () => {
    const target = mkdtempSync(join(tmpdir(), 'spapi-types-'));
    // @ts-expect-error: a plain ESM script, without types
    const { generate } = (await import('../../scripts/generate-spapi-types.mjs')) as { generate: (dir: string) => Promise<string[]> };
    const files = await generate(target);
    const committed = join(ROOT, 'src', 'adapters', 'sp-api', 'models');
    expect(files.sort()).toEqual(readdirSync(committed).sort());
    for (const file of files) expect(readFileSync(join(target, file), 'utf8'), file).toBe(readFileSync(join(committed, file), 'utf8'));
  });
});
