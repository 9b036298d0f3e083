// The user's own folders for what the tool keeps between runs, by the XDG Base Directory
// convention on Linux and the platform's equivalent elsewhere: `data` for the audit log, `state`
// for the copies of its chain head, `config` for the portfolio's accounts file. One switch on the
// platform, for all three.

import { homedir } from 'node:os';
import { join } from 'node:path';

export type UserFolderKind = 'data' | 'state' | 'config';

const XDG: Record<UserFolderKind, { variable: string; under: string[] }> = {
  data: { variable: 'XDG_DATA_HOME', under: ['.local', 'share'] },
  state: { variable: 'XDG_STATE_HOME', under: ['.local', 'state'] },
  config: { variable: 'XDG_CONFIG_HOME', under: ['.config'] },
};

/** The base folder of `kind` (the tool adds its own `close-account` folder below it). */
export function userFolder(kind: UserFolderKind, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, given: string | undefined): string {
  // HOME set but empty (`env HOME= …`, a service's environment) is no home: joined to it, the
  // folders would be relative, a new audit log (and no accounts file, so no guard) in each working folder.
  const home = given || homedir();
  if (platform === 'win32') return env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  const { variable, under } = XDG[kind];
  // XDG: a relative path in the variable is invalid and ignored.
  const fromEnv = env[variable];
  return fromEnv && fromEnv.startsWith('/') ? fromEnv : join(home, ...under);
}
