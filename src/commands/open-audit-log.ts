import type { AuditLog } from '../audit/audit-log.js';
import { CliError, EXIT } from '../errors.js';
import type { CommandContext } from './command-context.js';

/** Opens the audit log, turning the driver's failures into errors that say what to do. */
export async function openAuditLog(ctx: CommandContext): Promise<AuditLog> {
  const path = ctx.options.auditDbPath;
  const { AuditLog } = await import('../audit/audit-log.js');
  const { NewerSchemaError } = await import('../audit/migrations.js');
  try {
    return AuditLog.open(path, ctx.term.now);
  } catch (error) {
    if (error instanceof NewerSchemaError) {
      throw new CliError(EXIT.usage, ctx.t('error.audit-newer', { path, version: error.message }), ctx.t('error.audit-newer-hint'));
    }
    const code = (error as { code?: string }).code ?? 'error';
    const detail = (error as Error).message;
    throw new CliError(EXIT.usage, ctx.t('error.audit-unusable', { path, code, detail }), ctx.t('error.audit-unusable-hint'));
  }
}
