// Where the audit log lives unless --audit-db says otherwise: the user's data directory, by the
// XDG Base Directory convention on Linux and the platform's equivalent elsewhere.

import { join } from 'node:path';

export function defaultAuditDbPath(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, home: string): string {
  if (env.CLOSE_ACCOUNT_AUDIT_DB) return env.CLOSE_ACCOUNT_AUDIT_DB;
  let dataDir: string;
  if (platform === 'win32') dataDir = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
  else if (platform === 'darwin') dataDir = join(home, 'Library', 'Application Support');
  else dataDir = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(dataDir, 'close-account', 'audit.db');
}
