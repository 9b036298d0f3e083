// The guard aws-nuke taught (an account blocklist): an account marked `protected: true` in the
// accounts file is never submitted for, nor are its listings changed, whatever the command line
// says. The file given with --accounts (or CLOSE_ACCOUNT_ACCOUNTS), and the portfolio's default ones
// when they exist; a file that is given (or exists) but cannot be read refuses too: a guard that
// cannot be read is not assumed away.

import { normaliseSellerId } from '../core/request-owner.js';
import { UsageError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';
import { resolve } from 'node:path';
import { configFolderAccountsPaths, entryExists } from './accounts-path.js';

export interface GuardInput {
  /** --accounts, resolved; null for the default file. */
  accountsPath: string | null;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string | undefined;
  sellerId: string;
  /** The closure regions acted on; null when not known (every region of the seller is then guarded). */
  regions: readonly string[] | null;
  t: Translate;
}

/** Throws (exit 2) when the seller has a protected account in a region acted on. */
export async function refuseProtectedAccount(input: GuardInput): Promise<void> {
  const { t } = input;
  // A file given (--accounts, or CLOSE_ACCOUNT_ACCOUNTS) must be read; so must every file in the
  // config folder (the current place, and the one earlier versions used): naming another file never
  // unguards an account the default one protects. A default file that is a link to nowhere (an
  // unmounted drive) is there: only the absence of any entry skips it.
  const given = [input.accountsPath, input.env.CLOSE_ACCOUNT_ACCOUNTS ? resolve(input.env.CLOSE_ACCOUNT_ACCOUNTS) : null].filter((path): path is string => path !== null);
  const paths = [...new Set([...given, ...configFolderAccountsPaths(input.env, input.platform, input.home).filter(entryExists)])];
  if (paths.length === 0) return;
  // The file's reader (yaml, zod) only when there is a file to read.
  const { loadAccountsFile } = await import('./accounts-file.js');
  const sellerId = normaliseSellerId(input.sellerId);
  for (const path of paths) {
    const file = loadAccountsFile(path, t);
    const guarded = file.accounts.find((a) => a.protected && a.sellerId === sellerId && (input.regions === null || input.regions.includes(a.region)));
    if (guarded) throw new UsageError(t('portfolio.guard.protected', { sellerId, account: guarded.name, region: t(`region.${guarded.region}`), path: file.path, line: guarded.line }), t('portfolio.guard.hint'));
  }
}
