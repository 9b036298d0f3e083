// Where the audit log lives unless --audit-db says otherwise: the user's data directory, by the
// XDG Base Directory convention on Linux and the platform's equivalent elsewhere.

import { join, resolve } from 'node:path';

export function defaultAuditDbPath(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, home: string): string {
  // Absolute, as --audit-db is: the chain head kept in the state folder is keyed by the log's path.
  if (env.CLOSE_ACCOUNT_AUDIT_DB) return resolve(env.CLOSE_ACCOUNT_AUDIT_DB);
  let dataDir: string;
  if (platform === 'win32') dataDir = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
  else if (platform === 'darwin') dataDir = join(home, 'Library', 'Application Support');
  else dataDir = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(dataDir, 'close-account', 'audit.db');
}
