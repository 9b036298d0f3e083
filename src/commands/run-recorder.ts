// Records one run in the audit log from start to finish, or nothing at all for a dry run
// ("--dry-run touches nothing"), behind the same calls.

import type { AuditLog, RunOutcome } from '../audit/audit-log.js';
import type { CheckId } from '../core/check-result.js';
import type { ClosureRequest } from '../core/closure-request.js';
import type { Readiness } from '../core/readiness.js';
import { CliError, EXIT } from '../errors.js';
import type { CommandContext } from './command-context.js';
import { openAuditLog } from './open-audit-log.js';

export class RunRecorder {
  private finished = false;

  private constructor(
    readonly audit: AuditLog | null,
    readonly runId: string | null,
  ) {}

  /** Starts recording `command`, unless this is a dry run. */
  static async start(ctx: CommandContext, command: string, demo: boolean): Promise<RunRecorder> {
    if (ctx.options.dryRun) return new RunRecorder(null, null);
    const audit = await openAuditLog(ctx);
    const runId = audit.startRun({ command, adapter: ctx.options.adapter, demo, asOf: ctx.options.asOf });
    const recorder = new RunRecorder(audit, runId);
    ctx.currentRun = recorder;
    return recorder;
  }

  readiness(readiness: Readiness, confirmedBy: ReadonlyMap<CheckId, 'flag' | 'prompt'>): void {
    if (this.audit && this.runId) this.audit.recordReadiness(this.runId, readiness, confirmedBy);
  }

  request(request: ClosureRequest): void {
    if (this.audit && this.runId) this.audit.recordRequest(this.runId, request);
  }

  event(type: string, detail: object = {}): void {
    if (this.audit && this.runId) this.audit.recordEvent(this.runId, type, detail);
  }

  /** Closes the run once; later calls (an error after an interruption, say) change nothing. */
  finish(outcome: Exclude<RunOutcome, 'running'>, exitCode: number, detail: object = {}): void {
    if (this.finished) return;
    this.finished = true;
    if (!this.audit || !this.runId) return;
    if (outcome !== 'completed') this.audit.recordEvent(this.runId, outcome, detail);
    this.audit.finishRun(this.runId, outcome, exitCode);
  }

  /** Closes the run as failed or interrupted, by the error that ended it. */
  failed(error: unknown): void {
    const exitCode = error instanceof CliError ? error.exitCode : EXIT.internal;
    const message = error instanceof Error ? error.message : String(error);
    this.finish(exitCode === EXIT.interrupted ? 'interrupted' : 'failed', exitCode, { error: message });
  }

  close(): void {
    this.audit?.close();
  }
}
