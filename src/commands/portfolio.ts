// `portfolio`: many accounts and regions in one run. Thin: the accounts file, the checks across
// accounts, the plan and the notifications are services in src/portfolio/.

import { resolve } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { layoutWidth } from '../io/terminal.js';
import { terminalText } from '../io/terminal-text.js';
import { secrets } from '../security/secret-registry.js';
import { defaultAccountsPath } from '../portfolio/accounts-file.js';
import type { AccountProgress, PortfolioCheck } from '../portfolio/check-accounts.js';
import { fitToWidth, visibleWidth } from '../render/text-layout.js';
import type { CommandContext } from './command-context.js';
import { expandHome } from './expand-home.js';
import { openAuditLog } from './open-audit-log.js';

export interface PortfolioFlags {
  accounts?: string;
}

/** The accounts file: --accounts, else CLOSE_ACCOUNT_ACCOUNTS, else the user's config folder. */
export function accountsPath(ctx: CommandContext, flags: PortfolioFlags): string {
  return flags.accounts ? resolve(expandHome(flags.accounts, ctx.term.env.HOME)) : defaultAccountsPath(ctx.term.env, ctx.term.env.HOME);
}

export async function runPortfolioInit(ctx: CommandContext, flags: PortfolioFlags & { force?: boolean }): Promise<number> {
  const path = accountsPath(ctx, flags);
  const { writeAccountsExample } = await import('../portfolio/init.js');
  await writeAccountsExample(path, Boolean(flags.force), ctx.t);
  ctx.say(ctx.t('portfolio.init.written', { path }));
  return EXIT.ok;
}

export interface PortfolioCheckFlags extends PortfolioFlags {
  concurrency?: string;
  notifyWebhook?: string;
}

/** --concurrency: a whole number from 1 to 64; the default suits the machine. */
export async function concurrencyOf(ctx: CommandContext, value: string | undefined): Promise<number> {
  const [{ availableParallelism }, { defaultConcurrency }] = await Promise.all([import('node:os'), import('../portfolio/check-accounts.js')]);
  if (value === undefined) return defaultConcurrency(availableParallelism());
  if (!/^\d{1,2}$/.test(value.trim()) || Number(value) < 1 || Number(value) > 64) throw new UsageError(ctx.t('portfolio.error.bad-concurrency', { value }));
  return Number(value);
}

/** Checks every account of the file (recorded in the audit log unless --dry-run), with one progress line per account on a terminal. */
export async function checkAccounts(ctx: CommandContext, flags: PortfolioCheckFlags, command: string): Promise<{ result: PortfolioCheck; auditPath: string | null }> {
  const [{ loadAccountsFile }, { checkPortfolio }, { hostname }] = await Promise.all([import('../portfolio/accounts-file.js'), import('../portfolio/check-accounts.js'), import('node:os')]);
  const file = loadAccountsFile(accountsPath(ctx, flags), ctx.t);
  const concurrency = await concurrencyOf(ctx, flags.concurrency);
  const audit = ctx.options.dryRun ? null : await openAuditLog(ctx, 'append');
  const progress = accountProgress(ctx, file.accounts.map((a) => a.name));
  try {
    const result = await checkPortfolio(file, {
      t: ctx.t,
      shared: {
        now: ctx.term.now(),
        env: ctx.term.env,
        asOf: ctx.options.asOf,
        verbose: false,
        maxReportAgeDays: ctx.options.maxReportAgeDays,
        userAgent: `close-account/${ctx.version} (Node ${ctx.term.nodeVersion})`,
      },
      dataDay: ctx.term.today(),
      attested: ctx.options.attested,
      concurrency,
      audit,
      process: { pid: process.pid, host: hostname() },
      command,
      onProgress: progress.update,
    });
    return { result, auditPath: audit?.path ?? null };
  } finally {
    progress.end();
    audit?.close();
  }
}

export async function runPortfolioCheck(ctx: CommandContext, flags: PortfolioCheckFlags): Promise<number> {
  // A wrong URL or a missing secret is said before any account is checked.
  const notify = flags.notifyWebhook
    ? (await import('../portfolio/notify.js')).changeNotifier(flags.notifyWebhook, { t: ctx.t, env: ctx.term.env, now: ctx.term.now(), version: ctx.version, nodeVersion: ctx.term.nodeVersion, say: ctx.say })
    : null;
  const { result, auditPath } = await checkAccounts(ctx, flags, 'portfolio check');
  if (ctx.options.json) {
    const { portfolioJson } = await import('../render/portfolio-json.js');
    ctx.print(JSON.stringify(portfolioJson(result, ctx.t, ctx.term.now()), null, 2));
  } else {
    const { renderPortfolioCheck } = await import('../render/portfolio-human.js');
    ctx.print(renderPortfolioCheck(result, ctx.out, ctx.t, ctx.columns));
    ctx.say(ctx.err.dim(auditPath ? ctx.t('portfolio.recorded', { path: auditPath }) : ctx.t('audit.dry-run')));
  }
  // After the results are shown and recorded: a notification that cannot be delivered fails the
  // run (exit 4, the cron job sees it) without hiding what was found.
  if (notify) await notify(result);
  return result.exitCode;
}

/**
 * One line per account on stderr while it is checked, redrawn in place on a terminal; nothing
 * otherwise (the table says it all, and a pipe keeps no cursor).
 */
function accountProgress(ctx: CommandContext, names: string[]): { update: (index: number, event: AccountProgress) => void; end: () => void } {
  const { term, t } = ctx;
  if (!term.stderrIsTTY || ctx.options.json) return { update: () => {}, end: () => {} };
  const width = (layoutWidth(term, 'stderr') ?? 80) - 1;
  const nameWidth = Math.min(30, Math.max(...names.map((n) => visibleWidth(n))));
  const lines = names.map((name) => `${name}${' '.repeat(Math.max(0, nameWidth - visibleWidth(name)))}  ${t('portfolio.progress.waiting')}`);
  // Names come from the accounts file: made safe before they reach the terminal, like every other line.
  const draw = (text: string) => ctx.err.dim(fitToWidth(terminalText(secrets.scrub(text), false), width));
  term.stderr.write(`${lines.map(draw).join('\n')}\n`);
  return {
    update: (index, event) => {
      const name = names[index]!;
      const state =
        event.kind === 'started'
          ? t('portfolio.progress.started')
          : event.kind === 'checking'
            ? t('progress.checking', { title: t(`check.${event.check}.title`) })
            : event.result.error
              ? t('portfolio.progress.failed')
              : t(`verdict.name.${event.result.readiness!.verdict}`);
      const line = `${name}${' '.repeat(Math.max(0, nameWidth - visibleWidth(name)))}  ${state}`;
      const up = names.length - index;
      term.stderr.write(`\x1b[${up}A\r\x1b[2K${draw(line)}\x1b[${up}B\r`);
    },
    end: () => {},
  };
}

export interface PortfolioPlanFlags extends PortfolioCheckFlags {
  ics?: string;
  html?: string;
}

export async function runPortfolioPlan(ctx: CommandContext, flags: PortfolioPlanFlags): Promise<number> {
  const { result } = await checkAccounts(ctx, flags, 'portfolio plan');
  const [{ buildPortfolioPlan }, { renderPortfolioPlan, portfolioPlanJson }, { writeOutputFile }] = await Promise.all([
    import('../portfolio/plan-accounts.js'),
    import('../render/portfolio-plan.js'),
    import('../io/output-file.js'),
  ]);
  const plan = buildPortfolioPlan(result);
  const { t } = ctx;
  // The files first: a file that cannot be written fails the command before its document is printed.
  if (flags.ics) {
    const { portfolioCalendar } = await import('../render/plan-calendar.js');
    const plans = plan.accounts.flatMap(({ result: r, plan: own }) => (own ? [{ account: r.account.name, key: `${r.account.sellerId}-${r.account.region}`, plan: own }] : []));
    const path = resolve(expandHome(flags.ics, ctx.term.env.HOME));
    await writeOutputFile(path, portfolioCalendar(plans, t, ctx.term.now()), t);
    ctx.say(t('portfolio.plan.ics-written', { path }));
  }
  if (flags.html) {
    const { portfolioHtml } = await import('../render/portfolio-html.js');
    const path = resolve(expandHome(flags.html, ctx.term.env.HOME));
    await writeOutputFile(path, portfolioHtml(plan, t), t);
    ctx.say(t('portfolio.plan.html-written', { path }));
  }
  if (ctx.options.json) ctx.print(JSON.stringify(portfolioPlanJson(plan, t), null, 2));
  else ctx.print(renderPortfolioPlan(plan, ctx.out, t, ctx.columns));
  // Like check: 4 when a source failed (its account has no plan), else 0: a plan was made for every account.
  return result.accounts.some((a) => a.error) ? EXIT.dataSource : EXIT.ok;
}
