// Running the checks for a command: the flags that say which data and which day (the data-source
// flags, --as-of, --attest), the data source opened and closed, visible progress on a terminal
// (stderr), and the request draft that goes with the result.

import { DATA_SOURCE_FLAGS, openAdapter, resolveDataSource, type DataSourceOptions } from '../adapters/registry.js';
import type { RunToRecord } from '../audit/run-recorder.js';
import { CHECK_IDS, type CheckId } from '../core/check-result.js';
import { draftClosureRequest, type RequestDraft } from '../core/closure-request.js';
import { evaluateReadiness, isConfirmable, type Readiness } from '../core/readiness.js';
import type { SellerDataSource } from '../core/seller-data-source.js';
import { flagList, flagText, type FlagSpec, type RawFlags } from '../config/flag-spec.js';
import { checkTitle } from '../render/readiness-human.js';
import { fitToWidth } from '../io/text-layout.js';
import { failpoint } from '../failpoints.js';
import { addDays, isIsoDate, type IsoDate } from '../core/dates.js';
import { A_TO_Z_WINDOW_DAYS } from '../core/checks/last-sale-window.js';
import { UsageError } from '../errors.js';
import { normaliseSellerId } from '../core/request-owner.js';
import type { RunRecorder } from '../audit/run-recorder.js';
import type { RequestAnswers } from '../submit/request-flags.js';
import type { CommandIo } from './command-io.js';
import type { Globals } from './command-definition.js';

/** Which day the checks answer for, and the manual items the seller confirms by flag. */
export const JUDGING_FLAGS: readonly FlagSpec[] = [
  { flags: '--as-of <date>', help: 'help.as-of' },
  { flags: '--attest <check-id>', help: 'help.attest', repeatable: true },
];

/** The flags of a command that runs the checks: the data source, then --as-of and --attest. */
export const READINESS_FLAGS: readonly FlagSpec[] = [...DATA_SOURCE_FLAGS, ...JUDGING_FLAGS];

export interface ReadinessRunOptions {
  readonly source: DataSourceOptions;
  readonly asOf: IsoDate;
  /** The as-of day was given (the clock moved): worth saying on screen. */
  readonly asOfGiven: boolean;
  readonly attested: ReadonlySet<CheckId>;
  readonly verbose: boolean;
  readonly auditDbPath: string;
  /** The seller named by --seller-id (where the command takes it) or the config file: finds the archive of data that names no seller. */
  readonly statedSellerId: string | null;
}

/** The flags that only one data source reads (`check --reports-dir D` without --adapter reports runs the demo seller). */
const SOURCE_ONLY_FLAGS: readonly { flag: string; name: string; source: string }[] = [
  { flag: '--demo-scenario', name: 'demoScenario', source: 'demo' },
  { flag: '--demo-done', name: 'demoDone', source: 'demo' },
  { flag: '--reports-dir', name: 'reportsDir', source: 'reports' },
  { flag: '--encoding', name: 'encoding', source: 'reports' },
  { flag: '--max-report-age', name: 'maxReportAge', source: 'reports' },
];

/**
 * `how.sourceAsked`: the wizard asks for the data source when no --adapter was given, and takes
 * such flags as its answers' defaults.
 */
export function resolveReadinessRun(raw: RawFlags, { options, term, t }: Globals, how: { sourceAsked?: boolean } = {}): ReadinessRunOptions {
  const source = resolveDataSource(raw, options, term.env, t);
  // A flag on the command line for another data source than the one that runs would be ignored
  // without a word: refused, before anything is checked (config-file values are defaults, not asked for).
  if (!(how.sourceAsked && flagText(raw, 'adapter') === undefined)) {
    for (const { flag, name, source: owner } of SOURCE_ONLY_FLAGS) {
      const given = raw[name];
      if (owner !== source.adapter && given !== undefined && !(Array.isArray(given) && given.length === 0)) {
        throw new UsageError(t('error.flag-for-other-source', { flag, source: owner, adapter: source.adapter }), t('error.flag-for-other-source-hint', { flag, source: owner }));
      }
    }
  }
  const asOf = flagText(raw, 'asOf');
  if (asOf !== undefined && !isIsoDate(asOf)) throw new UsageError(t('error.bad-date', { value: asOf }));
  return Object.freeze({
    source,
    asOf: asOf ?? term.today(),
    asOfGiven: asOf !== undefined,
    attested: parseAttested(flagList(raw, 'attest'), t),
    verbose: options.verbose,
    auditDbPath: options.auditDbPath,
    statedSellerId: statedSellerOf(flagText(raw, 'sellerId') ?? options.config.sellerId),
  });
}

/** A merchant token as typed (case and spaces aside); anything else names no one (the request's own check says why). */
function statedSellerOf(given: string | undefined): string | null {
  if (given === undefined) return null;
  const sellerId = normaliseSellerId(given);
  return /^[A-Z0-9]{8,20}$/.test(sellerId) ? sellerId : null;
}

function parseAttested(values: readonly string[], t: Globals['t']): ReadonlySet<CheckId> {
  const attested = new Set<CheckId>();
  for (const value of values.flatMap((v) => v.split(','))) {
    const id = value.trim();
    if (id === 'all') {
      for (const checkId of CHECK_IDS) if (isConfirmable(checkId)) attested.add(checkId);
    } else if ((CHECK_IDS as readonly string[]).includes(id) && isConfirmable(id as CheckId)) {
      attested.add(id as CheckId);
    } else {
      const confirmable = CHECK_IDS.filter((c) => isConfirmable(c)).join(', ');
      throw new UsageError(t('error.bad-attest', { value: id, ids: confirmable }));
    }
  }
  return attested;
}

/** The run to record in the audit log for `command` on these options (nothing, for a dry run). */
export function runToRecord(io: CommandIo, command: string, run: ReadinessRunOptions, dryRun = false, sellerId?: string): RunToRecord {
  return {
    ...(sellerId === undefined ? {} : { sellerId }),
    command,
    dryRun,
    log: { path: run.auditDbPath, term: io.term, t: io.t },
    adapter: run.source.adapter,
    demoScenario: run.source.demoScenario,
    asOf: run.asOf,
    notice: (text) => io.say(io.err.yellow(text)),
    started: (recorder) => {
      io.currentRun = recorder;
    },
  };
}

/** Opens the chosen data source for the length of `use`, and closes it after. */
export async function withSource<T>(io: CommandIo, run: ReadinessRunOptions, use: (source: SellerDataSource) => Promise<T>): Promise<T> {
  const { asOf, verbose } = run;
  const { adapter, demoScenario, demoDone, reportsDir, encoding, maxReportAgeDays, spApiFile } = run.source;
  const source = await openAdapter(
    adapter,
    {
      demoScenario,
      demoDone,
      reportsDir,
      encoding,
      maxReportAgeDays,
      warn: io.warn,
      now: io.term.now(),
      env: io.term.env,
      spApiFile,
      asOf,
      note: (message) => io.say(io.err.dim(message)),
      verbose,
      userAgent: `close-account/${io.version} (Node ${io.term.nodeVersion})`,
    },
    io.t,
  );
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

/** Runs the checks; each result goes to the audit log (through `recorder`) as soon as it is known. */
export async function evaluateWithProgress(io: CommandIo, source: SellerDataSource, run: ReadinessRunOptions, recorder: RunRecorder | null = io.currentRun): Promise<Readiness> {
  const { term, t } = io;
  const live = term.stderrIsTTY;
  const clearLine = () => live && term.stderr.write('\r\x1b[2K');
  // A test can stop the process mid-checks, once the orders are asked for, to interrupt it there.
  const watched: SellerDataSource = {
    ...source,
    orders: async (since) => {
      await failpoint('during-checks', term.env, term.stderr);
      return source.orders(since);
    },
  };
  const readiness = await evaluateReadiness(watched, {
    asOf: run.asOf,
    dataDay: term.today(),
    t,
    attested: run.attested,
    // data-export is judged from the seller's archive, when the audit log recorded one (issue 16):
    // read through the run's own connection when it has one (opening the log again costs a start).
    archive: async (sellerId) => (await import('../archive/archive-record.js')).archiveEvidence({ path: run.auditDbPath, term, t }, sellerId, run.asOf, t, recorder?.audit ?? null),
    statedSellerId: run.statedSellerId,
    onProgress: ({ id, result }) => {
      if (result) recorder?.checkResult(result);
      if (!result && live) {
        clearLine();
        // One line, redrawn in place: cut to the width so that it never wraps.
        const line = t('progress.checking', { title: checkTitle({ id }, t) });
        term.stderr.write(io.err.dim(io.columns ? fitToWidth(line, io.columns - 1) : line));
      } else if (result && run.verbose) {
        clearLine();
        io.say(t('progress.checked', { id: checkTitle({ id }, t), status: t(`status.${result.status}`) }));
      }
    },
  });
  clearLine();
  refuseAsOfBeforeData(io, run, readiness);
  return readiness;
}

/**
 * An --as-of before the data's own last sale would read "-2515 days ago": the data cannot be
 * rewound to that day, so the question is refused and said why.
 */
function refuseAsOfBeforeData(io: CommandIo, run: ReadinessRunOptions, readiness: Readiness): void {
  if (!run.asOfGiven) return;
  const lastSale = readiness.checks.find((c) => c.id === 'last-sale-window');
  const latest = lastSale?.clearsOn ? addDays(lastSale.clearsOn, -A_TO_Z_WINDOW_DAYS) : null;
  if (latest !== null && latest > readiness.asOf) {
    throw new UsageError(io.t('error.as-of-before-data', { asOf: readiness.asOf, latest }), io.t('error.as-of-before-data-hint'));
  }
}

/** Manual checks confirmed by --attest, for the audit log. */
export function flagConfirmations(run: Pick<ReadinessRunOptions, 'attested'>, readiness: Readiness): Map<CheckId, 'flag' | 'prompt'> {
  const confirmed = new Map<CheckId, 'flag' | 'prompt'>();
  for (const check of readiness.checks) {
    if (check.status === 'manual' && check.confirmed && run.attested.has(check.id)) confirmed.set(check.id, 'flag');
  }
  return confirmed;
}

/** The request that would be submitted: the flags, completed from what the data knows. */
export function draftRequest(answers: RequestAnswers, readiness: Readiness, t: Globals['t']): Promise<RequestDraft> {
  const home = readiness.regions[0];
  return draftClosureRequest(
    answers,
    { sellerId: readiness.account.sellerId, region: home?.region ?? null, countries: home?.countries ?? [] },
    { asOf: readiness.asOf, verdict: readiness.verdict },
    t,
  );
}
