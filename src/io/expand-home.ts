// A path typed at a prompt reaches no shell: `~` and `~/…` are expanded here, as a shell would.

import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `home` is $HOME; unset or empty, the user's home from the system (os.homedir(), as the default
 * places do): never a literal `~` folder made in the working folder.
 */
export function expandHome(path: string, home: string | undefined): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  const dir = home || homedir();
  if (!dir) return path;
  return path === '~' ? dir : join(dir, path.slice(2));
}
