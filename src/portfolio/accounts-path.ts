// Where the accounts file is: --accounts FILE, else CLOSE_ACCOUNT_ACCOUNTS, else the user's config
// folder. Apart from the file's reader (yaml, zod) so that naming the flag loads neither.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { flagText, type FlagSpec, type RawFlags } from '../config/flag-spec.js';
import { expandHome } from '../io/expand-home.js';

/** --accounts FILE: the portfolio's accounts file, also the guard of `submit` and `fix listings --apply`. */
export const ACCOUNTS_FLAG: FlagSpec = { flags: '--accounts <file>', help: 'help.accounts' };

/** --accounts as typed, made absolute; null for the default file. */
export function accountsPathOf(raw: RawFlags, env: Readonly<Record<string, string | undefined>>): string | null {
  const given = flagText(raw, 'accounts');
  return given === undefined ? null : resolve(expandHome(given, env.HOME));
}

/** Where `portfolio` looks when --accounts is not given: the user's config folder. */
export function defaultAccountsPath(env: Readonly<Record<string, string | undefined>>, home: string = homedir()): string {
  if (env.CLOSE_ACCOUNT_ACCOUNTS) return resolve(env.CLOSE_ACCOUNT_ACCOUNTS);
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'close-account', 'accounts.yaml');
}
