// `portfolio init`: writes the commented example, never over a file that is there unless forced.

import { lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { writeOutputFile } from '../io/output-file.js';
import type { Translate } from '../messages/catalogue.js';
import { ACCOUNTS_EXAMPLE } from './accounts-example.js';

export async function writeAccountsExample(path: string, force: boolean, t: Translate): Promise<void> {
  // lstat, not exists: a link to nowhere (an unmounted drive) is there too, and is not replaced unasked.
  if (lstatSync(path, { throwIfNoEntry: false }) !== undefined && !force) throw new UsageError(t('portfolio.init.exists', { path }), t('portfolio.init.exists-hint'));
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  await writeOutputFile(path, ACCOUNTS_EXAMPLE, t);
}
