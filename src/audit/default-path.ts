// Where the audit log lives unless --audit-db says otherwise: the user's data directory, by the
// XDG Base Directory convention on Linux and the platform's equivalent elsewhere.

import { join, resolve } from 'node:path';
import { userFolder } from './user-folders.js';

export function defaultAuditDbPath(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, home: string): string {
  // Absolute, as --audit-db is: the chain head kept in the state folder is keyed by the log's path.
  if (env.CLOSE_ACCOUNT_AUDIT_DB) return resolve(env.CLOSE_ACCOUNT_AUDIT_DB);
  return join(userFolder('data', env, platform, home), 'close-account', 'audit.db');
}
