// `portfolio init | check | plan`: many accounts and regions in one run. One group of three
// commands; the accounts file, the checks across accounts, the plan and the notifications are
// services in src/portfolio/, rendered by src/render/portfolio-*.ts.

import { hostname } from 'node:os';
import { openAuditLog } from '../audit/open-audit-log.js';
import { defineCommand, type CommandGroup, type Globals } from '../command-kit/command-definition.js';
import type { CommandIo } from '../command-kit/command-io.js';
import { JUDGING_FLAGS, resolveReadinessRun, type ReadinessRunOptions } from '../command-kit/readiness-run.js';
import { flagOn, flagText, type RawFlags } from '../config/flag-spec.js';
import { settingPath } from '../config/global-options.js';
import { EXIT, UsageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import { layoutWidth } from '../io/terminal.js';
import { terminalText } from '../io/terminal-text.js';
import { fitToWidth, visibleWidth } from '../io/text-layout.js';
import type { AccountProgress, PortfolioCheck } from '../portfolio/check-accounts.js';
import { ACCOUNTS_FLAG, accountsPathOf, defaultAccountsPath } from '../portfolio/accounts-path.js';
import { secrets } from '../security/secret-registry.js';
import { markedAccountName } from '../render/portfolio-plan.js';
import { JSON_SCHEMA_VERSION } from '../render/json-schema-version.js';

/** The accounts file: --accounts, else CLOSE_ACCOUNT_ACCOUNTS, else the user's config folder. */
const accountsFileOf = (raw: RawFlags, globals: Globals) => accountsPathOf(raw, globals.term.env) ?? defaultAccountsPath(globals.term.env, globals.term.platform, globals.term.env.HOME);

export interface PortfolioInitOptions {
  readonly accounts: string;
  readonly force: boolean;
  readonly json: boolean;
}

export const portfolioInit = defineCommand<PortfolioInitOptions>({
  name: 'init',
  description: 'help.portfolio-init',
  flags: [ACCOUNTS_FLAG, { flags: '--force', help: 'help.force' }],
  resolve: (raw, globals) => Object.freeze({ accounts: accountsFileOf(raw, globals), force: flagOn(raw, 'force'), json: globals.options.json }),
  run: async (options, io) => {
    const { writeAccountsExample } = await import('../portfolio/init.js');
    await writeAccountsExample(options.accounts, options.force, io.t);
    // With --json, stdout holds one document, as for every command (src/render/portfolio-init-json-schema.ts).
    if (options.json) io.print(JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, accounts: options.accounts }, null, 2));
    io.say(io.t('portfolio.init.written', { path: options.accounts }));
    return EXIT.ok;
  },
});

export interface PortfolioCheckOptions {
  readonly accounts: string;
  /** The day judged and the manual items confirmed, for every account. */
  readonly run: ReadinessRunOptions;
  readonly json: boolean;
  readonly dryRun: boolean;
  /** Accounts checked at once; null for the machine's default. */
  readonly concurrency: number | null;
  readonly notifyWebhook: string | null;
}

const CHECK_FLAGS = [
  ACCOUNTS_FLAG,
  ...JUDGING_FLAGS,
  { flags: '--concurrency <count>', help: 'help.concurrency' },
  { flags: '--dry-run', help: 'help.dry-run' },
] as const;

function resolveCheck(raw: RawFlags, globals: Globals): PortfolioCheckOptions {
  const concurrency = flagText(raw, 'concurrency');
  // --concurrency: a whole number from 1 to 64.
  if (concurrency !== undefined && (!/^\d{1,2}$/.test(concurrency.trim()) || Number(concurrency) < 1 || Number(concurrency) > 64)) {
    throw new UsageError(globals.t('portfolio.error.bad-concurrency', { value: concurrency }));
  }
  // A dry run sends nothing: a notification would go out, and, unrecorded, go out again next time.
  if (flagOn(raw, 'dryRun') && flagText(raw, 'notifyWebhook') !== undefined) throw new UsageError(globals.t('portfolio.error.dry-run-notify'));
  return Object.freeze({
    accounts: accountsFileOf(raw, globals),
    run: resolveReadinessRun(raw, globals),
    json: globals.options.json,
    dryRun: flagOn(raw, 'dryRun'),
    concurrency: concurrency === undefined ? null : Number(concurrency),
    notifyWebhook: flagText(raw, 'notifyWebhook') ?? null,
  });
}

export const portfolioCheck = defineCommand<PortfolioCheckOptions>({
  name: 'check',
  description: 'help.portfolio-check',
  flags: [...CHECK_FLAGS, { flags: '--notify-webhook <url>', help: 'help.notify-webhook' }],
  resolve: resolveCheck,
  run: runPortfolioCheck,
});

export interface PortfolioPlanOptions extends PortfolioCheckOptions {
  readonly ics: string | null;
  readonly html: string | null;
}

export const portfolioPlan = defineCommand<PortfolioPlanOptions>({
  name: 'plan',
  description: 'help.portfolio-plan',
  flags: [...CHECK_FLAGS, { flags: '--ics <file>', help: 'help.portfolio-ics' }, { flags: '--html <file>', help: 'help.portfolio-html' }],
  resolve(raw, globals) {
    const ics = flagText(raw, 'ics');
    const html = flagText(raw, 'html');
    return Object.freeze({ ...resolveCheck(raw, globals), ics: ics ? settingPath(ics, globals.term.env) : null, html: html ? settingPath(html, globals.term.env) : null });
  },
  run: runPortfolioPlan,
});

export const portfolioGroup: CommandGroup = { name: 'portfolio', description: 'help.portfolio', subcommands: [portfolioInit, portfolioCheck, portfolioPlan] };

/** Checks every account of the file (recorded in the audit log unless --dry-run), with one progress line per account on a terminal. */
async function checkAccounts(options: PortfolioCheckOptions, io: CommandIo, command: string): Promise<{ result: PortfolioCheck; auditPath: string | null }> {
  const [{ loadAccountsFile }, { checkPortfolio, defaultConcurrency }, { availableParallelism }] = await Promise.all([
    import('../portfolio/accounts-file.js'),
    import('../portfolio/check-accounts.js'),
    import('node:os'),
  ]);
  const file = loadAccountsFile(options.accounts, io.t);
  const audit = options.dryRun ? null : await openAuditLog({ path: options.run.auditDbPath, term: io.term, t: io.t }, 'append');
  // Each account as the table names it: a sample one is never read as real, even while it is checked.
  const progress = accountProgress(io, options, file.accounts.map((a) => markedAccountName(a, a.source.kind === 'demo', io.t)));
  // Ctrl-C: every account's run this process left open is closed as interrupted (synchronous
  // SQLite, between two writes, so the chain stays whole), and the seller hears what was kept.
  const host = hostname();
  io.onInterrupted = () => {
    if (!audit) return io.t('portfolio.interrupted-dry-run');
    const open = audit.unfinishedRuns().filter((r) => r.pid === process.pid && r.host === host);
    for (const { runId } of open) {
      audit.recordEvent(runId, 'interrupted', { at: 'signal' });
      audit.finishRun(runId, 'interrupted', EXIT.interrupted);
    }
    return io.t('portfolio.interrupted', { count: open.length, path: audit.path });
  };
  try {
    const result = await checkPortfolio(file, {
      t: io.t,
      shared: {
        now: io.term.now(),
        env: io.term.env,
        asOf: options.run.asOf,
        verbose: false,
        maxReportAgeDays: options.run.source.maxReportAgeDays,
        userAgent: `close-account/${io.version} (Node ${io.term.nodeVersion})`,
      },
      dataDay: io.term.today(),
      attested: options.run.attested,
      concurrency: options.concurrency ?? defaultConcurrency(availableParallelism()),
      audit,
      process: { pid: process.pid, host },
      command,
      onProgress: progress,
      // data-export from each seller's archive, found and verified as `check` does.
      archive: async (sellerId) => (await import('../archive/archive-record.js')).archiveEvidence({ path: options.run.auditDbPath, term: io.term, t: io.t }, sellerId, options.run.asOf, io.t, audit),
      // A test stops the process here (at one seller's account), its run recorded and not finished, to interrupt it.
      afterRunStarted: (account) => failpoint(`portfolio-account-started-${account.sellerId}`, io.term.env, io.term.stderr),
    });
    return { result, auditPath: audit?.path ?? null };
  } finally {
    io.onInterrupted = null;
    audit?.close();
  }
}

/** Ctrl-C once every account is checked (and recorded): said as it is, not "nothing was checked". */
function afterChecks(io: CommandIo, auditPath: string | null): void {
  io.onInterrupted = () => (auditPath ? io.t('portfolio.interrupted-after', { path: auditPath }) : io.t('portfolio.interrupted-dry-run'));
}

async function runPortfolioCheck(options: PortfolioCheckOptions, io: CommandIo): Promise<number> {
  // A wrong URL or a missing secret is said before any account is checked.
  const notify = options.notifyWebhook
    ? (await import('../portfolio/notify.js')).changeNotifier(options.notifyWebhook, { t: io.t, env: io.term.env, now: io.term.now(), version: io.version, nodeVersion: io.term.nodeVersion, say: io.say })
    : null;
  const { result: checked, auditPath } = await checkAccounts(options, io, 'portfolio check');
  afterChecks(io, auditPath);
  // Sent before the results are shown, so that the document's exit code is the process's; a
  // notification that cannot be delivered fails the run (exit 4, the cron job sees it) without
  // hiding what was found.
  let undelivered: unknown = null;
  if (notify) {
    try {
      await notify(checked);
      await recordNotified(options, io, checked);
    } catch (error) {
      undelivered = error;
    }
  }
  const result: PortfolioCheck = undelivered === null ? checked : { ...checked, exitCode: EXIT.dataSource };
  if (options.json) {
    const { portfolioJson } = await import('../render/portfolio-json.js');
    io.print(JSON.stringify(portfolioJson(result, io.t, io.term.now()), null, 2));
  } else {
    const { renderPortfolioCheck } = await import('../render/portfolio-human.js');
    io.print(renderPortfolioCheck(result, io.out, io.t, io.columns));
    io.say(io.err.dim(auditPath ? io.t('portfolio.recorded', { path: auditPath }) : io.t('audit.dry-run')));
  }
  if (undelivered !== null) throw undelivered;
  return result.exitCode;
}

/** Delivered (or nothing to tell): the next notification is measured from these runs. */
async function recordNotified(options: PortfolioCheckOptions, io: CommandIo, result: PortfolioCheck): Promise<void> {
  const runs = result.accounts.flatMap((a) => (a.readiness && a.runId ? [a.runId] : []));
  if (options.dryRun || runs.length === 0) return;
  const { NOTIFIED_RECORD } = await import('../portfolio/history.js');
  const audit = await openAuditLog({ path: options.run.auditDbPath, term: io.term, t: io.t }, 'append');
  try {
    audit.recordEvent(null, NOTIFIED_RECORD, { runs });
  } finally {
    audit.close();
  }
}

async function runPortfolioPlan(options: PortfolioPlanOptions, io: CommandIo): Promise<number> {
  const { result, auditPath } = await checkAccounts(options, io, 'portfolio plan');
  afterChecks(io, auditPath);
  const [{ buildPortfolioPlan }, { renderPortfolioPlan, portfolioPlanJson }, { writeOutputFile }] = await Promise.all([
    import('../portfolio/plan-accounts.js'),
    import('../render/portfolio-plan.js'),
    import('../io/output-file.js'),
  ]);
  const plan = buildPortfolioPlan(result);
  const { t } = io;
  // The files first: a file that cannot be written fails the command before its document is printed.
  if (options.ics) {
    const { portfolioCalendar } = await import('../render/plan-calendar.js');
    const plans = plan.accounts.flatMap(({ result: r, plan: own, sample }) => (own ? [{ account: r.account.name, key: `${r.account.sellerId}-${r.account.region}`, plan: own, sample, protected: r.account.protected }] : []));
    await writeOutputFile(options.ics, portfolioCalendar(plans, t, io.term.now()), t);
    io.say(t('portfolio.plan.ics-written', { path: options.ics }));
  }
  if (options.html) {
    const { portfolioHtml } = await import('../render/portfolio-html.js');
    await writeOutputFile(options.html, portfolioHtml(plan, t), t);
    io.say(t('portfolio.plan.html-written', { path: options.html }));
  }
  if (options.json) io.print(JSON.stringify(portfolioPlanJson(plan, t), null, 2));
  else io.print(renderPortfolioPlan(plan, io.out, t, io.columns));
  // Like check: 4 when a source failed (its account has no plan), else 0: a plan was made for every account.
  return result.accounts.some((a) => a.error) ? EXIT.dataSource : EXIT.ok;
}

/**
 * One line per account on stderr while it is checked, redrawn in place on a terminal; nothing
 * otherwise (the table says it all, and a pipe keeps no cursor).
 */
function accountProgress(io: CommandIo, options: PortfolioCheckOptions, names: string[]): (index: number, event: AccountProgress) => void {
  const { term, t } = io;
  if (!term.stderrIsTTY || options.json) return () => {};
  const width = (layoutWidth(term, 'stderr') ?? 80) - 1;
  const nameWidth = Math.min(30, Math.max(...names.map((n) => visibleWidth(n))));
  const line = (name: string, state: string) => `${name}${' '.repeat(Math.max(0, nameWidth - visibleWidth(name)))}  ${state}`;
  // Names come from the accounts file: made safe before they reach the terminal, like every other line.
  const draw = (text: string) => io.err.dim(fitToWidth(terminalText(secrets.scrub(text), false), width));
  term.stderr.write(`${names.map((name) => draw(line(name, t('portfolio.progress.waiting')))).join('\n')}\n`);
  return (index, event) => {
    const state =
      event.kind === 'started'
        ? t('portfolio.progress.started')
        : event.kind === 'checking'
          ? t('progress.checking', { title: t(`check.${event.check}.title`) })
          : event.result.error
            ? t('portfolio.progress.failed')
            : t(`verdict.name.${event.result.readiness!.verdict}`);
    const up = names.length - index;
    term.stderr.write(`\x1b[${up}A\r\x1b[2K${draw(line(names[index]!, state))}\x1b[${up}B\r`);
  };
}
