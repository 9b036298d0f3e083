// Parses the command line and runs one command. Everything reaches the outside world through
// `term`, so tests run this in-process with their own streams, with and without a TTY.

import { Command, CommanderError, Help, Option } from 'commander';
import { EXIT, CliError, UsageError } from './errors.js';
import { canPrompt, type Terminal } from './io/terminal.js';
import { loadMessages, translator, type Translate } from './messages/catalogue.js';
import { chooseLanguage, langFlag } from './messages/language.cjs';
import type { CommandContext } from './commands/command-context.js';
import type { GlobalFlags } from './commands/global-options.js';
import type { Prompter } from './io/prompter.js';

export interface MainOptions {
  version: string;
  /** Tests may answer the wizard's questions themselves. */
  prompter?: Prompter;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function buildProgram(t: Translate, term: Terminal, version: string, run: (action: (flags: GlobalFlags, cmd: Command) => Promise<number>) => (...args: unknown[]) => Promise<void>): Command {
  const program = new Command('close-account')
    .description(t('help.description'))
    .version(version, '-V, --version', t('help.version'))
    .helpOption('-h, --help', t('help.help'))
    .helpCommand(false)
    .configureHelp({
      showGlobalOptions: true,
      // Commander writes its section headings in English: they are said in the seller's language.
      formatHelp: (cmd, helper) =>
        Help.prototype.formatHelp
          .call(helper, cmd, helper)
          .replace(/^Usage:/m, `${t('help.heading.usage')}:`)
          .replace(/^Arguments:$/m, `${t('help.heading.arguments')}:`)
          .replace(/^Options:$/m, `${t('help.heading.options')}:`)
          .replace(/^Global Options:$/m, `${t('help.heading.global-options')}:`)
          .replace(/^Commands:$/m, `${t('help.heading.commands')}:`),
    })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => term.stdout.write(s),
      writeErr: (s) => term.stderr.write(s),
      outputError: () => {}, // reported by main() with a hint, once
    })
    .addOption(new Option('--adapter <name>', t('help.adapter')).choices(['demo', 'reports', 'sp-api']))
    .option('--lang <language>', t('help.lang'))
    .option('--demo-scenario <name>', t('help.demo-scenario'))
    .option('--json', t('help.json'))
    .option('--no-color', t('help.no-color'))
    .option('--audit-db <path>', t('help.audit-db'))
    .option('--as-of <date>', t('help.as-of'))
    .option('--attest <check-id>', t('help.attest'), collect, [])
    .option('--config <file>', t('help.config'))
    .option('--dry-run', t('help.dry-run'))
    .option('--verbose', t('help.verbose'))
    .option('--seller-id <token>', t('help.seller-id'))
    .option('--reason <reason>', t('help.reason'))
    .option('--reason-text <text>', t('help.reason-text'))
    .option('--email <address>', t('help.email'))
    .option('--phone <number>', t('help.phone'))
    .option('--reports-dir <folder>', t('help.reports-dir'))
    .option('--encoding <name>', t('help.encoding'))
    .option('--max-report-age <days>', t('help.max-report-age'))
    .option('--submitter <name>', t('help.submitter'))
    .option('--webhook-url <url>', t('help.webhook-url'))
    .option('--out <file>', t('help.out'))
    .option('--demo-done <step>', t('help.demo-done'), collect, [])
    .addHelpText('after', `\n${t('help.exit-codes')}\n\n${t('help.examples')}`);

  program.action(
    run(async (flags, cmd) => {
      const ctx = (cmd as Command & { ctx: CommandContext }).ctx;
      if (flags.dryRun || flags.json) return (await import('./commands/check.js')).runCheck(ctx);
      if (!canPrompt(term)) throw new UsageError(t('error.no-terminal'), t('error.no-terminal-hint'));
      const { runWizard } = await import('./commands/wizard.js');
      const { inquirerPrompter } = await import('./io/prompter.js');
      const prompter = (program as Command & { prompter?: Prompter }).prompter ?? inquirerPrompter(term);
      return runWizard(ctx, prompter, { adapter: flags.adapter !== undefined, demoScenario: flags.demoScenario !== undefined });
    }),
  );

  program
    .command('check')
    .description(t('help.check'))
    .action(run(async (_flags, cmd) => (await import('./commands/check.js')).runCheck((cmd as Command & { ctx: CommandContext }).ctx)));

  program
    .command('submit')
    .description(t('help.submit'))
    .option('--confirm <seller-id>', t('help.confirm'))
    .option('--sent', t('help.sent'))
    .option('--plan <file>', t('help.plan'))
    .option('--max-age <hours>', t('help.max-age'), '24')
    .action(
      run(async (_flags, cmd) => {
        const own = cmd.opts<{ confirm?: string; sent?: boolean; plan?: string; maxAge: string }>();
        return (await import('./commands/submit.js')).runSubmit((cmd as Command & { ctx: CommandContext }).ctx, own);
      }),
    );

  program
    .command('plan')
    .description(t('help.plan-command'))
    .option('--ics <file>', t('help.ics'))
    .option('--csv-dir <folder>', t('help.csv-dir'))
    .action(
      run(async (_flags, cmd) => {
        const own = cmd.opts<{ ics?: string; csvDir?: string }>();
        return (await import('./commands/plan.js')).runPlan((cmd as Command & { ctx: CommandContext }).ctx, own);
      }),
    );

  const fix = program.command('fix').description(t('help.fix'));
  fix
    .command('listings')
    .description(t('help.fix-listings'))
    .option('--apply', t('help.apply'))
    .option('--confirm <seller-id>', t('help.confirm'))
    .option('--include-stocked', t('help.include-stocked'))
    .action(
      run(async (_flags, cmd) => {
        const own = cmd.opts<{ apply?: boolean; confirm?: string; includeStocked?: boolean }>();
        const ctx = (cmd as Command & { ctx: CommandContext }).ctx;
        const { inquirerPrompter } = await import('./io/prompter.js');
        const prompter = own.apply && canPrompt(term) ? ((program as Command & { prompter?: Prompter }).prompter ?? inquirerPrompter(term)) : null;
        return (await import('./commands/fix-listings.js')).runFixListings(ctx, own, prompter);
      }),
    );

  program
    .command('reports')
    .description(t('help.reports'))
    .action(run(async (_flags, cmd) => (await import('./commands/reports.js')).runReports((cmd as Command & { ctx: CommandContext }).ctx)));

  program
    .command('status')
    .description(t('help.status'))
    .option('--record <state>', t('help.record'))
    .option('--request <id>', t('help.request'))
    .action(
      run(async (flags, cmd) => {
        // --reason is the program's option: with --record it is Amazon's reason, not the seller's.
        const own = cmd.opts<{ record?: string; request?: string }>();
        return (await import('./commands/status.js')).runStatus((cmd as Command & { ctx: CommandContext }).ctx, { record: own.record, reason: flags.reason, request: own.request });
      }),
    );

  const audit = program.command('audit').description(t('help.audit'));
  audit
    .command('list')
    .description(t('help.audit-list'))
    .action(run(async (_flags, cmd) => (await import('./commands/audit.js')).runAuditList((cmd as Command & { ctx: CommandContext }).ctx)));
  audit
    .command('show')
    .description(t('help.audit-show'))
    .argument('<run-id>', t('help.run-id'))
    .action(
      run(async (_flags, cmd) => (await import('./commands/audit.js')).runAuditShow((cmd as Command & { ctx: CommandContext }).ctx, cmd.args[0]!)),
    );
  audit
    .command('verify')
    .description(t('help.audit-verify'))
    .action(run(async (_flags, cmd) => (await import('./commands/audit.js')).runAuditVerify((cmd as Command & { ctx: CommandContext }).ctx)));
  audit
    .command('export')
    .description(t('help.audit-export'))
    .option('--format <format>', t('help.format'), 'md')
    .option('--request <id>', t('help.request'))
    .action(
      run(async (_flags, cmd) => {
        const { format, request } = cmd.opts<{ format: string; request?: string }>();
        return (await import('./commands/audit.js')).runAuditExport((cmd as Command & { ctx: CommandContext }).ctx, format, request ?? null);
      }),
    );
  return program;
}

/** Runs the CLI and returns its exit code; never throws, never prints a stack unless asked. */
export async function main(argv: string[], term: Terminal, options: MainOptions): Promise<number> {
  const { language, unknownFlag } = chooseLanguage(langFlag(argv), term.env);
  const t = translator(await loadMessages(language));
  if (unknownFlag !== null) {
    term.stderr.write(`${t('error.prefix')}: ${t('error.bad-lang', { value: unknownFlag })}\n`);
    return EXIT.usage;
  }
  let exitCode: number = EXIT.ok;
  let ctx: CommandContext | null = null;

  // Ctrl-C outside a prompt: close the run as interrupted (synchronous SQLite), then stop.
  const stopListening = term.onInterrupt(() => {
    ctx?.currentRun?.finish('interrupted', EXIT.interrupted, { at: 'signal' });
    term.stderr.write(`\n${t('error.interrupted')}\n`);
    exitCode = EXIT.interrupted;
    term.exit(EXIT.interrupted);
  });

  const run =
    (action: (flags: GlobalFlags, cmd: Command) => Promise<number>) =>
    async (...args: unknown[]): Promise<void> => {
      const cmd = args[args.length - 1] as Command;
      const flags = cmd.optsWithGlobals<GlobalFlags>();
      // Loaded here, not at start-up: --help and --version need none of it.
      const [{ resolveGlobalOptions }, { colourWanted, styleFor }] = await Promise.all([
        import('./commands/global-options.js'),
        import('./io/style.js'),
      ]);
      const resolved = await resolveGlobalOptions(flags, term, t);
      ctx = {
        term,
        version: options.version,
        t,
        options: resolved,
        out: await styleFor(colourWanted(term, 'stdout', resolved.noColor)),
        err: await styleFor(colourWanted(term, 'stderr', resolved.noColor)),
        print: (text) => term.stdout.write(`${text}\n`),
        say: (text) => term.stderr.write(`${text}\n`),
        warnings: [],
        warn: (text) => {
          ctx!.warnings.push(text);
          ctx!.currentRun?.event('warning', { message: text });
          term.stderr.write(`${ctx!.err.yellow(`${t('warning.prefix')}: ${text}`)}\n`);
        },
        currentRun: null,
      };
      (cmd as Command & { ctx: CommandContext }).ctx = ctx;
      exitCode = await action(flags, cmd);
    };

  const program = buildProgram(t, term, options.version, run);
  if (options.prompter) (program as Command & { prompter?: Prompter }).prompter = options.prompter;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    exitCode = await report(error, term, t, !argv.includes('--no-color'));
  } finally {
    stopListening();
  }
  return exitCode;
}

async function report(error: unknown, term: Terminal, t: Translate, colourAllowed: boolean): Promise<number> {
  if (error instanceof CommanderError && ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) {
    return EXIT.ok;
  }
  const say = (text: string) => term.stderr.write(`${text}\n`);
  const { colourWanted, styleFor } = await import('./io/style.js');
  const style = await styleFor(colourAllowed && colourWanted(term, 'stderr', false));
  if (error instanceof CommanderError) {
    say(style.red(error.message.replace(/^error: /, `${t('error.prefix')}: `)));
    say(t('error.see-help'));
    return EXIT.usage;
  }
  if (error instanceof CliError) {
    say(style.red(`${t('error.prefix')}: ${error.message}`));
    if (error.hint) say(error.hint);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'AuditWriteError') {
    const { code, path } = error as Error & { code: string; path: string };
    const busy = /BUSY|LOCKED/.test(code);
    say(style.red(`${t('error.prefix')}: ${busy ? t('error.audit-busy', { path }) : t('error.audit-write', { path, code })}`));
    say(busy ? t('error.audit-busy-hint') : t('error.audit-write-hint'));
    return EXIT.usage;
  }
  // A bug: say so plainly; the stack only when asked for.
  say(style.red(`${t('error.internal', { detail: error instanceof Error ? error.message : String(error) })}`));
  if (term.env.CLOSE_ACCOUNT_DEBUG && error instanceof Error && error.stack) say(error.stack);
  else say(t('error.internal-hint'));
  return EXIT.internal;
}
