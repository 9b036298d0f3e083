// Records one run in the audit log from start to finish, or nothing at all for a dry run
// ("--dry-run touches nothing"), behind the same calls.

import { hostname } from 'node:os';
import type { AuditLog, RunOutcome } from './audit-log.js';
import type { CheckId, CheckResult } from '../core/check-result.js';
import type { ClosureRequest } from '../core/closure-request.js';
import type { Readiness } from '../core/readiness.js';
import { normaliseSellerId } from '../core/request-owner.js';
import { CliError, EXIT } from '../errors.js';
import { openAuditLog, type AuditLogPlace } from './open-audit-log.js';

/**
 * The data source of a run that has none yet: the wizard before the seller chooses one. Such a run
 * is listed as what it was (no data source chosen), never as the default it would have used.
 */
export const NO_DATA_SOURCE = 'none';

/** The run to record: which command, on which data, as of which day. */
export interface RunToRecord {
  readonly command: string;
  /** A dry run records nothing ("--dry-run touches nothing"). */
  readonly dryRun: boolean;
  readonly log: AuditLogPlace;
  /** The data source, when the command reads one; NO_DATA_SOURCE until the wizard learns it (source()). */
  readonly adapter: string;
  readonly demoScenario?: string;
  readonly asOf: string;
  /** Whose run it is, when the seller ID was given: audit export --seller finds it. */
  readonly sellerId?: string;
  /** Said on stderr: a run found abandoned by a dead process. */
  readonly notice: (text: string) => void;
  /** Told of the recorder once it has started (so that Ctrl-C can close the run). */
  readonly started: (recorder: RunRecorder) => void;
}

export class RunRecorder {
  private finished = false;
  /** The request this run submitted, if it did: Ctrl-C after it says so. */
  submittedRequest: string | null = null;
  /** The request whose submission this run started (it may have left): Ctrl-C before it is recorded says so. */
  submittingRequest: string | null = null;
  /** Whether anything beyond the run's start was recorded (a check result, an answer): Ctrl-C says what the log kept. */
  keptAnything = false;

  private constructor(
    readonly audit: AuditLog | null,
    readonly runId: string | null,
  ) {}

  /** Starts recording the run, unless it is a dry run. */
  static async start(run: RunToRecord): Promise<RunRecorder> {
    if (run.dryRun) return new RunRecorder(null, null);
    // Never appended to a log that does not verify (exit 2, with what to do).
    const audit = await openAuditLog(run.log, 'append');
    const { command, adapter, asOf, demoScenario } = run;
    closeAbandonedRuns(run, audit);
    const demo = adapter === 'demo';
    const sellerId = run.sellerId === undefined ? {} : { sellerId: normaliseSellerId(run.sellerId) };
    const runId = audit.startRun({ command, adapter, demo, ...(demo ? { demoScenario } : {}), asOf, process: { pid: process.pid, host: hostname() }, ...sellerId });
    const recorder = new RunRecorder(audit, runId);
    run.started(recorder);
    return recorder;
  }

  /** The wizard learns the data source after the run has started. */
  source(adapter: string, demoScenario?: string): void {
    if (this.audit && this.runId) this.audit.setRunSource(this.runId, adapter, adapter === 'demo', adapter === 'demo' ? demoScenario : undefined);
  }

  readiness(readiness: Readiness, confirmedBy: ReadonlyMap<CheckId, 'flag' | 'prompt'>): void {
    this.keptAnything = true;
    if (this.audit && this.runId) this.audit.recordReadiness(this.runId, readiness, confirmedBy);
  }

  /** One check's result, the moment it is known: an interruption later loses none of them. */
  checkResult(result: CheckResult): void {
    this.keptAnything = true;
    if (this.audit && this.runId) this.audit.recordEvent(this.runId, 'check-result', result);
  }

  request(request: ClosureRequest): void {
    this.keptAnything = true;
    if (this.audit && this.runId) this.audit.recordRequest(this.runId, request);
  }

  event(type: string, detail: object = {}): void {
    this.keptAnything = true;
    if (this.audit && this.runId) this.audit.recordEvent(this.runId, type, detail);
  }

  /** Closes the run once; later calls (an error after an interruption, say) change nothing. */
  finish(outcome: RunOutcome, exitCode: number, detail: object = {}): void {
    if (this.finished) return;
    this.finished = true;
    if (!this.audit || !this.runId) return;
    try {
      if (outcome !== 'completed') this.audit.recordEvent(this.runId, outcome, detail);
      this.audit.finishRun(this.runId, outcome, exitCode);
    } catch (error) {
      // The log cannot be written (the very failure being reported, say): the error says so.
      if (!(error instanceof Error && error.name === 'AuditWriteError')) throw error;
    }
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

/**
 * A run whose process is gone (killed, or the machine stopped) never recorded its end: record
 * it as interrupted now, and say so, so that the log stays a true account.
 */
function closeAbandonedRuns(current: RunToRecord, audit: AuditLog): void {
  for (const run of audit.unfinishedRuns()) {
    if (run.host !== hostname() || run.pid === null || isAlive(run.pid)) continue;
    audit.append('run-finished', run.runId, { outcome: 'interrupted', exitCode: null, noticedBy: 'a later run: the process was gone' });
    current.notice(current.log.t('audit.abandoned-run', { runId: run.runId }));
  }
}

/** Whether a process of this machine is running (signal 0 probes without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `body` as one recorded run: completed with the exit code it returns, failed or
 * interrupted by the error it throws, and the audit log closed either way.
 */
export async function withRecordedRun(run: RunToRecord, body: (recorder: RunRecorder) => Promise<number>): Promise<number> {
  const recorder = await RunRecorder.start(run);
  try {
    const exitCode = await body(recorder);
    recorder.finish('completed', exitCode);
    return exitCode;
  } catch (error) {
    recorder.failed(error);
    throw error;
  } finally {
    recorder.close();
  }
}
