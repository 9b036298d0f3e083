// The only flags every command takes: the language, JSON output, colour, the audit log, the
// config file, and verbosity. Everything else belongs to the commands (and services) that read it.

import { resolve } from 'node:path';
import { homedir } from 'node:os';
import { defaultAuditDbPath } from '../audit/default-path.js';
import type { ConfigFile } from './config-file.js';
import { flagOn, flagText, type FlagSpec, type RawFlags } from './flag-spec.js';
import { expandHome } from '../io/expand-home.js';
import type { Terminal } from '../io/terminal.js';
import type { Translate } from '../messages/catalogue.js';

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { flags: '--lang <language>', help: 'help.lang' },
  { flags: '--json', help: 'help.json' },
  { flags: '--no-color', help: 'help.no-color' },
  { flags: '--audit-db <path>', help: 'help.audit-db' },
  { flags: '--config <file>', help: 'help.config' },
  { flags: '--verbose', help: 'help.verbose' },
];

export interface GlobalOptions {
  readonly json: boolean;
  readonly noColor: boolean;
  readonly verbose: boolean;
  readonly auditDbPath: string;
  /** The config file's values, which fill in flags not given ({} without a file). */
  readonly config: Readonly<ConfigFile>;
  readonly configPath: string | null;
}

/** A path given as --reports-dir=~/… or in the config file reaches no shell: ~ is expanded here, and the path made absolute. */
export function settingPath(given: string, env: Terminal['env']): string {
  return resolve(expandHome(given, env.HOME));
}

export async function resolveGlobalOptions(raw: RawFlags, term: Pick<Terminal, 'env' | 'platform'>, t: Translate): Promise<GlobalOptions> {
  const configPath = flagText(raw, 'config') ?? term.env.CLOSE_ACCOUNT_CONFIG ?? null;
  // The config loader (and zod) only when there is a config file.
  const config: ConfigFile = configPath ? (await import('./config-file.js')).loadConfigFile(configPath, t) : {};
  const auditDb = flagText(raw, 'auditDb') ?? config.auditDb;
  return Object.freeze({
    json: flagOn(raw, 'json'),
    noColor: raw.color === false,
    verbose: flagOn(raw, 'verbose'),
    auditDbPath: auditDb ? settingPath(auditDb, term.env) : defaultAuditDbPath(term.env, term.platform, term.env.HOME ?? homedir()),
    config: Object.freeze(config),
    configPath,
  });
}
