// Runs the checks for a command, with visible progress on a terminal (stderr) and the request
// draft that goes with the result.

import { openAdapter } from '../adapters/registry.js';
import type { CheckId } from '../core/check-result.js';
import { draftClosureRequest, type RequestDraft } from '../core/closure-request.js';
import { evaluateReadiness, type Readiness } from '../core/readiness.js';
import type { SellerDataSource } from '../core/seller-data-source.js';
import { checkTitle } from '../render/readiness-human.js';
import { fitToWidth } from '../render/text-layout.js';
import type { CommandContext } from './command-context.js';
import { failpoint } from '../failpoints.js';
import { addDays } from '../core/dates.js';
import { A_TO_Z_WINDOW_DAYS } from '../core/checks/last-sale-window.js';
import { UsageError } from '../errors.js';
import type { RunRecorder } from './run-recorder.js';

/** Opens the chosen data source for the length of `use`, and closes it after. */
export async function withSource<T>(ctx: CommandContext, use: (source: SellerDataSource) => Promise<T>): Promise<T> {
  const { adapter, demoScenario, demoDone, reportsDir, encoding, maxReportAgeDays, configFile, asOf, verbose } = ctx.options;
  const source = await openAdapter(
    adapter,
    {
      demoScenario,
      demoDone,
      reportsDir,
      encoding,
      maxReportAgeDays,
      warn: ctx.warn,
      now: ctx.term.now(),
      env: ctx.term.env,
      spApiFile: configFile ? { path: configFile.path, settings: configFile.spApi } : null,
      asOf,
      note: (message) => ctx.say(ctx.err.dim(message)),
      verbose,
      userAgent: `close-account/${ctx.version} (Node ${ctx.term.nodeVersion})`,
    },
    ctx.t,
  );
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

/** Runs the checks; each result goes to the audit log (through `recorder`) as soon as it is known. */
export async function evaluateWithProgress(ctx: CommandContext, source: SellerDataSource, recorder: RunRecorder | null = ctx.currentRun): Promise<Readiness> {
  const { term, t, options } = ctx;
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
    asOf: options.asOf,
    dataDay: term.today(),
    t,
    attested: options.attested,
    archive: async (sellerId) => (await import('./archive.js')).archiveEvidenceFor(ctx, sellerId),
    onProgress: ({ id, result }) => {
      if (result) recorder?.checkResult(result);
      if (!result && live) {
        clearLine();
        // One line, redrawn in place: cut to the width so that it never wraps.
        const line = t('progress.checking', { title: checkTitle({ id }, t) });
        term.stderr.write(ctx.err.dim(ctx.columns ? fitToWidth(line, ctx.columns - 1) : line));
      } else if (result && options.verbose) {
        clearLine();
        ctx.say(t('progress.checked', { id: checkTitle({ id }, t), status: t(`status.${result.status}`) }));
      }
    },
  });
  clearLine();
  refuseAsOfBeforeData(ctx, readiness);
  return readiness;
}

/**
 * An --as-of before the data's own last sale would read "-2515 days ago": the data cannot be
 * rewound to that day, so the question is refused and said why.
 */
function refuseAsOfBeforeData(ctx: CommandContext, readiness: Readiness): void {
  if (!ctx.options.asOfGiven) return;
  const lastSale = readiness.checks.find((c) => c.id === 'last-sale-window');
  const latest = lastSale?.clearsOn ? addDays(lastSale.clearsOn, -A_TO_Z_WINDOW_DAYS) : null;
  if (latest !== null && latest > readiness.asOf) {
    throw new UsageError(ctx.t('error.as-of-before-data', { asOf: readiness.asOf, latest }), ctx.t('error.as-of-before-data-hint'));
  }
}

/** Manual checks confirmed by --attest, for the audit log. */
export function flagConfirmations(ctx: CommandContext, readiness: Readiness): Map<CheckId, 'flag' | 'prompt'> {
  const confirmed = new Map<CheckId, 'flag' | 'prompt'>();
  for (const check of readiness.checks) {
    if (check.status === 'manual' && check.confirmed && ctx.options.attested.has(check.id)) confirmed.set(check.id, 'flag');
  }
  return confirmed;
}

/** The request that would be submitted: the flags, completed from what the data knows. */
export function draftRequest(ctx: CommandContext, readiness: Readiness): Promise<RequestDraft> {
  const home = readiness.regions[0];
  return draftClosureRequest(
    ctx.options.request,
    { sellerId: readiness.account.sellerId, region: home?.region ?? null, countries: home?.countries ?? [] },
    { asOf: readiness.asOf, verdict: readiness.verdict },
    ctx.t,
  );
}
