// Where the accounts file is: --accounts FILE, else CLOSE_ACCOUNT_ACCOUNTS, else the user's config
// folder. Apart from the file's reader (yaml, zod) so that naming the flag loads neither.

import { lstatSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { flagText, type FlagSpec, type RawFlags } from '../config/flag-spec.js';
import { expandHome } from '../io/expand-home.js';
import { userFolder } from '../audit/user-folders.js';

/** --accounts FILE: the portfolio's accounts file, also the guard of `submit` and `fix listings --apply`. */
export const ACCOUNTS_FLAG: FlagSpec = { flags: '--accounts <file>', help: 'help.accounts' };

/** --accounts as typed, made absolute; null for the default file. */
export function accountsPathOf(raw: RawFlags, env: Readonly<Record<string, string | undefined>>): string | null {
  const given = flagText(raw, 'accounts');
  return given === undefined ? null : resolve(expandHome(given, env.HOME));
}

/**
 * Where `portfolio` looks when --accounts is not given: CLOSE_ACCOUNT_ACCOUNTS, else the user's
 * config folder (the one rule of user-folders.ts: ~/Library/Application Support on macOS); a file
 * left only at the former place (below) is the one read.
 */
export function defaultAccountsPath(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, home: string = homedir()): string {
  const [path, former] = defaultAccountsPaths(env, platform, home);
  return former !== undefined && !entryExists(path!) && entryExists(former) ? former : path!;
}

/**
 * Every place a default accounts file may be, the current one first. Until 2026-12-03 the XDG rule
 * was used on every platform (~/.config on macOS and Windows): the guard reads a file still there
 * too, so that no protected account is lost by the move.
 */
export function defaultAccountsPaths(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, home: string = homedir()): string[] {
  if (env.CLOSE_ACCOUNT_ACCOUNTS) return [resolve(env.CLOSE_ACCOUNT_ACCOUNTS)];
  return configFolderAccountsPaths(env, platform, home);
}

/**
 * The places in the user's config folder (the current one first, then the former ones), whatever
 * CLOSE_ACCOUNT_ACCOUNTS says. ~/.config is among them when XDG_CONFIG_HOME names another folder:
 * a file made there before the variable was set still guards.
 */
export function configFolderAccountsPaths(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, home: string = homedir()): string[] {
  const path = accountsFileIn(userFolder('config', env, platform, home));
  const former = accountsFileIn(userFolder('config', env, 'linux', home));
  const withoutVariable = accountsFileIn(userFolder('config', {}, 'linux', home));
  return [...new Set([path, former, withoutVariable])];
}

const accountsFileIn = (configFolder: string) => join(configFolder, 'close-account', 'accounts.yaml');

/** Whether anything is at `path` (a link to nowhere is there too). */
export function entryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    // Only "no such entry" means no file; anything else (a folder that cannot be searched) is read, and refuses.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ENOTDIR';
  }
}
