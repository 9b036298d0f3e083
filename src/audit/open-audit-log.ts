// Opening the audit log for a command: the driver's failures turned into errors that say what to do.

import { existsSync } from 'node:fs';
import type { AuditLog } from './audit-log.js';
import type { ChainProblem } from './record-chain.js';
import { CliError, EXIT } from '../errors.js';
import type { Terminal } from '../io/terminal.js';
import type { Translate } from '../messages/catalogue.js';

/** The log's path and what locating its chain head needs (the environment, the platform, the clock). */
export interface AuditLogPlace {
  readonly path: string;
  readonly term: Pick<Terminal, 'env' | 'platform' | 'now'>;
  readonly t: Translate;
}

/** What a broken log's problem is, in the seller's words (audit verify, and the refusal to append). */
export function chainProblemText(problem: ChainProblem, path: string, t: Translate): string {
  switch (problem.kind) {
    case 'guards-removed':
      return t('audit.verify.guards-removed', { guard: problem.guard, path });
    case 'guard-changed':
      return t('audit.verify.guard-changed', { guard: problem.guard, path });
    case 'unexpected-guard':
      return t('audit.verify.unexpected-guard', { guard: problem.guard, path });
    case 'truncated':
      return t('audit.verify.truncated', { seq: problem.seq, path, head: problem.headPath });
    case 'rewritten':
      return t('audit.verify.rewritten', { seq: problem.seq, path, head: problem.headPath });
    case 'damaged':
      return t('audit.verify.damaged', { path, detail: problem.detail });
    default:
      return t(`audit.verify.${problem.kind}`, { seq: problem.seq, path });
  }
}

/** The problem of a log lost or damaged before it could be opened (deleted, cut short, not a database), carried by the error that says so. */
export function lostLogProblem(error: unknown): ChainProblem | undefined {
  return (error as { chainProblem?: ChainProblem } | null)?.chainProblem;
}

/** Whether there is (or was: its head is kept outside) an audit log at the configured path. */
export async function auditLogExists({ path, term }: AuditLogPlace): Promise<boolean> {
  if (existsSync(path)) return true;
  const [{ ChainHeadStore }, { homedir }] = await Promise.all([import('./chain-head.js'), import('node:os')]);
  return ChainHeadStore.forLog(path, term.env, term.platform, term.env.HOME ?? homedir()).read() !== null;
}

/**
 * Opens the audit log, turning the driver's failures into errors that say what to do. `append`:
 * the log must verify first (check, submit, status --record never add to a broken chain);
 * `verify`: a lost log is a broken log (exit 3), not an input error.
 */
export async function openAuditLog({ path, term, t }: AuditLogPlace, purpose: 'read' | 'append' | 'verify' = 'read'): Promise<AuditLog> {
  const [{ AuditLog, AuditLostError }, { NewerSchemaError }, { ChainHeadStore }, { homedir }] = await Promise.all([
    import('./audit-log.js'),
    import('./migrations.js'),
    import('./chain-head.js'),
    import('node:os'),
  ]);
  const heads = ChainHeadStore.forLog(path, term.env, term.platform, term.env.HOME ?? homedir());
  let audit: AuditLog;
  try {
    audit = AuditLog.open(path, term.now, 5000, heads);
  } catch (error) {
    if (error instanceof AuditLostError) {
      const lost = { kind: 'truncated', seq: error.head.seq, headPath: error.head.path } as const;
      const problem = chainProblemText(lost, path, t);
      // Nothing of a lost log can be read, not even by `audit export`: the hint never sends the seller there.
      const hint = t('error.audit-lost-hint', { path, head: error.head.path });
      // `audit verify --json` and `audit list --json` still print their own document for a lost log: the problem goes with the error.
      if (purpose === 'verify') throw Object.assign(new CliError(EXIT.notReady, problem, hint, 'audit-lost'), { chainProblem: lost });
      // Only a command that appends says that nothing is added.
      const message = purpose === 'append' ? t('error.audit-broken', { problem }) : t('error.audit-lost-read', { problem });
      throw Object.assign(new CliError(EXIT.usage, message, hint, 'audit-lost'), { chainProblem: lost });
    }
    if (error instanceof NewerSchemaError) {
      throw new CliError(EXIT.usage, t('error.audit-newer', { path, version: error.message }), t('error.audit-newer-hint'));
    }
    const code = (error as { code?: string }).code ?? 'error';
    const detail = (error as Error).message;
    if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
      // A file SQLite cannot open is read by nothing (`audit export` neither): the damaged log's own
      // code and hint, and its problem for the documents of `audit verify --json` and `audit list --json`.
      const damaged = { kind: 'damaged', seq: 0, detail } as const;
      throw Object.assign(new CliError(purpose === 'verify' ? EXIT.notReady : EXIT.usage, t('audit.verify.damaged', { path, detail }), t('error.audit-damaged-hint'), 'audit-damaged'), { chainProblem: damaged });
    }
    throw new CliError(EXIT.usage, t('error.audit-unusable', { path, code, detail }), t('error.audit-unusable-hint'));
  }
  if (purpose === 'append') {
    // The full walk unless the file is byte for byte the one the last run verified and closed.
    const verdict = audit.verifyBeforeAppend();
    if (!verdict.intact) {
      audit.close();
      throw new CliError(EXIT.usage, t('error.audit-broken', { problem: chainProblemText(verdict.problem!, path, t) }), t('error.audit-broken-hint', { path }));
    }
  }
  return audit;
}
