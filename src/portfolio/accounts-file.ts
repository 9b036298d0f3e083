// The accounts file of `close-account portfolio`: every seller account and region an agency or a
// seller with several regions winds down, with where each one's data comes from. JSON or YAML
// (read with one YAML parser, as JSON is YAML, so that every error names its line), held to a zod
// schema. Credentials are never in it: an sp-api account names the environment variables (or the
// close-account config file) that hold them, and a value that is not such a name is refused
// without being repeated.

import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { LineCounter, parseDocument, isNode, visit, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { DEMO_SCENARIOS } from '../adapters/demo/demo-scenarios.js';
import { normaliseSellerId } from '../core/request-owner.js';
import { UsageError } from '../errors.js';
import { readBoundedText } from '../io/bounded-read.js';
import type { Translate } from '../messages/catalogue.js';

/** The closure regions an account can be in (closure-rules.md §7): each is closed by its own request. */
export const ACCOUNT_REGIONS = ['north-america', 'europe', 'japan', 'australia'] as const;
export type AccountRegion = (typeof ACCOUNT_REGIONS)[number];

/** An environment variable's name, as written by convention: capitals, digits and underscores. */
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;
const envName = z.string().regex(ENV_NAME, { message: 'not-a-name' });

/** Amazon's SP-API and Login with Amazon hosts, or the loopback address (a fake Amazon in tests). */
export function isAmazonOrLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)) return true;
  return /(^|\.)amazon\.com$/.test(host) || host === 'api.amazon.co.uk' || host === 'api.amazon.co.jp';
}

const sourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('demo'), scenario: z.enum(DEMO_SCENARIOS).default('blocked') }),
  z.strictObject({ kind: z.literal('reports'), folder: z.string().min(1), encoding: z.string().optional() }),
  z.strictObject({
    kind: z.literal('sp-api'),
    /** Names of the environment variables that hold this account's credentials. */
    credentials: z
      .strictObject({ clientId: envName, clientSecret: envName, refreshToken: envName })
      .optional(),
    /** Or a close-account config file whose spApi section holds them (kept 0600). */
    config: z.string().min(1).optional(),
    /**
     * Where this account's SP-API is: Amazon's own hosts or this machine (a test server). A shared
     * accounts file holds no secret, so one edited line must not send the credentials elsewhere.
     */
    endpoint: z.string().url().refine(isAmazonOrLoopback, { message: 'not-amazon-host' }).optional(),
    lwaEndpoint: z.string().url().refine(isAmazonOrLoopback, { message: 'not-amazon-host' }).optional(),
  }),
]);

const accountSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).regex(/^\P{Cc}+$/u, { message: 'control-characters' }),
  sellerId: z.string().transform(normaliseSellerId).pipe(z.string().regex(/^[A-Z0-9]{8,20}$/, { message: 'not-a-seller-id' })),
  region: z.enum(ACCOUNT_REGIONS),
  source: sourceSchema,
  protected: z.boolean().default(false),
});

export const accountsFileSchema = z.strictObject({
  version: z.literal(1),
  accounts: z.array(accountSchema).min(1),
});

type ParsedSource = z.infer<typeof sourceSchema>;
export type AccountSource =
  | Extract<ParsedSource, { kind: 'demo' }>
  | (Extract<ParsedSource, { kind: 'reports' }> & { folder: string })
  | Extract<ParsedSource, { kind: 'sp-api' }>;

export interface Account {
  name: string;
  sellerId: string;
  region: AccountRegion;
  source: AccountSource;
  protected: boolean;
  /** The line the account starts on, for messages about it. */
  line: number;
}

export interface AccountsFile {
  path: string;
  accounts: Account[];
}

/** An accounts file is a few kilobytes per hundred accounts. */
export const ACCOUNTS_MAX_BYTES = 8 * 1024 * 1024;


/** Reads, parses and checks the accounts file; every problem is a UsageError naming file, line and fix. */
export function loadAccountsFile(path: string, t: Translate): AccountsFile {
  const text = readBoundedText(path, ACCOUNTS_MAX_BYTES, {
    unreadable: (code) => new UsageError(t('portfolio.error.unreadable', { path, code }), t('portfolio.error.init-hint')),
    tooLarge: (cap) => new UsageError(t('portfolio.error.too-large', { path, cap }), t('portfolio.error.split-hint')),
  });
  return parseAccounts(text.replace(/^\uFEFF/, ''), path, t);
}

export function parseAccounts(text: string, path: string, t: Translate): AccountsFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lines.linePos(offset).line;
  const hint = t('portfolio.error.schema-hint');
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    // The parser's message quotes the text around the fault: said by line and kind only, so that a secret written there is never repeated.
    throw new UsageError(t('portfolio.error.syntax', { path, line: lineAt(first.pos[0]), code: first.code }), hint);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    // The one fault toJS finds after parsing: aliases that expand without bound (a "billion laughs").
    let at = 0;
    visit(doc, { Alias: (_, node) => ((at = node.range?.[0] ?? 0), visit.BREAK) });
    throw new UsageError(t('portfolio.error.syntax', { path, line: lineAt(at), code: 'TOO_MANY_ALIASES' }), hint);
  }
  const nodeLine = (at: readonly PropertyKey[]): number => {
    for (let n = at.length; n >= 0; n--) {
      const node: unknown = doc.getIn(at.slice(0, n) as (string | number)[], true);
      if (isNode(node) && (node as YamlNode).range) return lineAt((node as YamlNode).range![0]);
    }
    return 1;
  };
  const parsed = accountsFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const line = nodeLine(issue.path);
    const field = where.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(file)';
    const last = where.at(-1);
    if (issue.message === 'not-a-name') {
      throw new UsageError(t('portfolio.error.secret-in-file', { path, line, field }), t('portfolio.error.secret-hint'));
    }
    const fix =
      issue.message === 'not-amazon-host'
        ? t('portfolio.error.fix-endpoint-host')
        : issue.message === 'not-a-seller-id'
        ? t('portfolio.error.fix-seller-id')
        : last === 'region'
          ? t('portfolio.error.fix-region', { regions: ACCOUNT_REGIONS.join(', ') })
          : last === 'kind'
            ? t('portfolio.error.fix-kind')
            : last === 'scenario'
              ? t('portfolio.error.fix-scenario', { scenarios: DEMO_SCENARIOS.join(', ') })
              : issue.code === 'unrecognized_keys'
                ? t('portfolio.error.fix-unknown-key')
                : hint;
    // zod's own words name the value it saw for some issues: only the field and line are said.
    throw new UsageError(t('portfolio.error.invalid', { path, line, field, code: issue.code }), fix);
  }
  const folderOf = dirname(resolve(path));
  const seen = new Map<string, number>();
  const names = new Map<string, number>();
  const folders = new Map<string, number>();
  const accounts: Account[] = parsed.data.accounts.map((account, i) => {
    const line = nodeLine(['accounts', i]);
    const key = `${account.sellerId}:${account.region}`;
    if (seen.has(key)) throw new UsageError(t('portfolio.error.duplicate', { path, line, sellerId: account.sellerId, region: account.region, first: seen.get(key)! }), t('portfolio.error.duplicate-hint'));
    seen.set(key, line);
    if (names.has(account.name)) throw new UsageError(t('portfolio.error.duplicate-name', { path, line, name: account.name, first: names.get(account.name)! }), t('portfolio.error.duplicate-hint'));
    names.set(account.name, line);
    let source: AccountSource = account.source;
    if (source.kind === 'reports') {
      source = { ...source, folder: resolve(folderOf, source.folder) };
      // Report files never name their seller: one folder proving two accounts would prove neither.
      const same = realFolder(source.folder);
      const first = folders.get(same);
      if (first !== undefined) throw new UsageError(t('portfolio.error.shared-folder', { path, line, folder: source.folder, first }), t('portfolio.error.shared-folder-hint'));
      folders.set(same, line);
    }
    if (source.kind === 'sp-api') {
      if (!source.credentials === !source.config) throw new UsageError(t('portfolio.error.sp-api-credentials', { path, line: nodeLine(['accounts', i, 'source']) }), t('portfolio.error.secret-hint'));
      if (source.config && !isAbsolute(source.config)) source = { ...source, config: join(folderOf, source.config) };
    }
    return { name: account.name, sellerId: account.sellerId, region: account.region, source, protected: account.protected, line };
  });
  return { path: resolve(path), accounts };
}

/** The folder a path names, through links; as written when it cannot be resolved (its reading then fails on its own). */
function realFolder(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}
