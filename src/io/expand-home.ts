// A path typed at a prompt reaches no shell: `~` and `~/…` are expanded here, as a shell would.

import { join } from 'node:path';

export function expandHome(path: string, home: string | undefined): string {
  if (!home) return path;
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return path;
}
