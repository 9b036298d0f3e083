// Parses the command line and runs one command. Everything reaches the outside world through
// `term`, so tests run this in-process with their own streams, with and without a TTY.

import { Command, CommanderError, Help, Option } from 'commander';
import { EXIT, CliError, UsageError } from './errors.js';
import { canPrompt, layoutWidth, type Terminal } from './io/terminal.js';
import { terminalText } from './io/terminal-text.js';
import { registerEnvironmentSecrets, secrets } from './security/secret-registry.js';
import { loadMessages, translator, type Translate } from './messages/catalogue.js';
import { chooseLanguage, langFlag } from './messages/language.cjs';
import { visibleWidth, wrapText } from './render/text-layout.js';
import type { CommandContext } from './commands/command-context.js';
import type { GlobalFlags } from './commands/global-options.js';
import type { Prompter } from './io/prompter.js';

export interface MainOptions {
  version: string;
  /** Tests may answer the wizard's questions themselves. */
  prompter?: Prompter;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Commander's "[options]" and "[command]", and each value's <name>, said in the seller's language. */
const placeholders = (text: string, t: Translate) =>
  text
    .replace(/\[options\]/g, t('help.options-placeholder'))
    .replace(/\[command\]/g, t('help.command-placeholder'))
    .replace(/<([a-z-]+)>/g, (_, name: string) => `<${t('help.value-placeholder', { name })}>`);

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
      // Placeholders in the seller's language, before commander lines the columns up.
      subcommandTerm: (cmd) => placeholders(Help.prototype.subcommandTerm.call(new Help(), cmd), t),
      commandUsage: (cmd) => placeholders(Help.prototype.commandUsage.call(new Help(), cmd), t),
      optionTerm: (option) => placeholders(Help.prototype.optionTerm.call(new Help(), option), t),
      argumentTerm: (argument) => t('help.value-placeholder', { name: Help.prototype.argumentTerm.call(new Help(), argument) }),
      // Widths in display cells (a kanji takes two) and lines broken where Chinese and Japanese allow.
      displayWidth: (text) => visibleWidth(text),
      boxWrap: (text, width) => wrapText(text, width),
      // Commander adds "(choices: …)" and "(default: …)" in English: said in the seller's language.
      optionDescription: (option) => {
        const extras: string[] = [];
        if (option.argChoices) extras.push(t('help.choices', { choices: option.argChoices.join(', ') }));
        const shownDefault = option.defaultValue !== undefined && !(Array.isArray(option.defaultValue) && option.defaultValue.length === 0) && typeof option.defaultValue !== 'boolean';
        if (shownDefault) extras.push(t('help.default', { value: String(option.defaultValue) }));
        return extras.length > 0 ? `${option.description}${t('help.extras', { extras: extras.join(t('help.extras-joiner')) })}` : option.description;
      },
    })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => term.stdout.write(streamText(s, false)),
      writeErr: (s) => term.stderr.write(streamText(s, false)),
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
      const prompter = (program as Command & { prompter?: Prompter }).prompter ?? inquirerPrompter(term, t);
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
      run(async (flags, cmd) => {
        const own = cmd.opts<{ confirm?: string; sent?: boolean; plan?: string; maxAge: string }>();
        return (await import('./commands/submit.js')).runSubmit((cmd as Command & { ctx: CommandContext }).ctx, { ...own, adapterFlag: flags.adapter, demoScenarioFlag: flags.demoScenario, sellerIdFlag: flags.sellerId, reportsDirFlag: flags.reportsDir });
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

  const fix = program.command('fix').description(t('help.fix')).helpCommand(false);
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
        const prompter = own.apply && canPrompt(term) ? ((program as Command & { prompter?: Prompter }).prompter ?? inquirerPrompter(term, t)) : null;
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

  const archive = program
    .command('archive')
    .description(t('help.archive'))
    .helpCommand(false)
    .option('--out <dir>', t('help.archive-out'))
    .action(
      run(async (flags, cmd) => (await import('./commands/archive.js')).runArchive((cmd as Command & { ctx: CommandContext }).ctx, { out: cmd.opts<{ out?: string }>().out ?? flags.out ?? null })),
    );
  archive
    .command('verify')
    .description(t('help.archive-verify'))
    .argument('[dir]', t('help.archive-dir'))
    .action(run(async (_flags, cmd) => (await import('./commands/archive.js')).runArchiveVerify((cmd as Command & { ctx: CommandContext }).ctx, cmd.args[0])));

  const audit = program.command('audit').description(t('help.audit')).helpCommand(false);
  audit
    .command('list')
    .description(t('help.audit-list'))
    .option('--limit <count>', t('help.limit'))
    .option('--all', t('help.all'))
    .action(
      run(async (_flags, cmd) =>
        (await import('./commands/audit.js')).runAuditList((cmd as Command & { ctx: CommandContext }).ctx, cmd.opts<{ limit?: string; all?: boolean }>()),
      ),
    );
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
    .option('--out <file>', t('help.export-out'))
    .action(
      run(async (flags, cmd) => {
        // --out here is the dossier's file; the parser may hand it to the program's own --out (the plan's), so either is taken.
        const { format, request, out } = cmd.opts<{ format: string; request?: string; out?: string }>();
        // --json prints JSON: the dossier's JSON form, and a --format that says otherwise is a contradiction.
        const formatGiven = cmd.getOptionValueSource('format') !== 'default';
        if (flags.json && formatGiven && format !== 'json') throw new UsageError(t('error.json-format', { format }));
        return (await import('./commands/audit.js')).runAuditExport((cmd as Command & { ctx: CommandContext }).ctx, flags.json ? 'json' : format, request ?? null, out ?? flags.out ?? null);
      }),
    );
  return program;
}

/**
 * The one way text reaches a stream: every secret scrubbed (in every encoding), then every control
 * character from outside shown escaped; close-account's own colours pass only where colour is on.
 */
export function streamText(text: string, colours: boolean): string {
  return terminalText(secrets.scrub(text), colours);
}

/** Runs the CLI and returns its exit code; never throws, never prints a stack unless asked. */
export async function main(argv: string[], term: Terminal, options: MainOptions): Promise<number> {
  registerEnvironmentSecrets(term.env);
  const { language, unknownFlag } = chooseLanguage(langFlag(argv), term.env);
  const t = translator(await loadMessages(language));
  if (unknownFlag !== null) {
    const message = t('error.bad-lang', { value: unknownFlag });
    // --json prints exactly one document, this error included.
    if (wantsJson(argv)) term.stdout.write(`${errorDocument('usage', message, EXIT.usage)}\n`);
    term.stderr.write(`${streamText(t('render.label', { label: t('error.prefix'), value: message }), false)}\n`);
    return EXIT.usage;
  }
  let exitCode: number = EXIT.ok;
  let ctx: CommandContext | null = null;
  /** Whether a document already went to stdout: --json prints exactly one, so an error after it adds none. */
  const printed = { stdout: false };

  // Ctrl-C outside a prompt: close the run as interrupted (synchronous SQLite), then stop.
  const stopListening = term.onInterrupt(() => {
    ctx?.currentRun?.finish('interrupted', EXIT.interrupted, { at: 'signal' });
    const message = interruptedMessage(t, ctx);
    if (wantsJson(argv) && !printed.stdout) term.stdout.write(`${errorDocument('interrupted', message, EXIT.interrupted)}\n`);
    term.stderr.write(`\n${streamText(message, false)}\n`);
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
      const out = await styleFor(colourWanted(term, 'stdout', resolved.noColor));
      const err = await styleFor(colourWanted(term, 'stderr', resolved.noColor));
      // Human text is fitted to the terminal: a line never runs past it, nor breaks inside a word.
      // Data on stdout follows ctx.columns (a file format such as an export turns it off).
      // Secrets are scrubbed and outside text made safe first, so the fitting measures what is shown.
      const fit = (text: string, stream: 'stdout' | 'stderr') => {
        const width = stream === 'stdout' ? ctx?.columns : resolved.json ? null : layoutWidth(term, 'stderr');
        return width ? wrapText(text, width) : text;
      };
      ctx = {
        columns: resolved.json ? null : layoutWidth(term, 'stdout'),
        term,
        version: options.version,
        t,
        options: resolved,
        out,
        err,
        print: (text) => {
          printed.stdout = true;
          term.stdout.write(`${fit(streamText(text, out.enabled), 'stdout')}\n`);
        },
        say: (text) => term.stderr.write(`${fit(streamText(text, err.enabled), 'stderr')}\n`),
        warnings: [],
        warn: (text) => {
          const clean = secrets.scrub(text);
          ctx!.warnings.push(clean);
          ctx!.currentRun?.event('warning', { message: clean });
          term.stderr.write(`${fit(streamText(ctx!.err.yellow(t('render.label', { label: t('warning.prefix'), value: clean })), err.enabled), 'stderr')}\n`);
        },
        currentRun: null,
      };
      (cmd as Command & { ctx: CommandContext }).ctx = ctx;
      exitCode = await action(flags, cmd);
    };

  const program = buildProgram(t, term, options.version, run);
  if (options.prompter) (program as Command & { prompter?: Prompter }).prompter = options.prompter;
  try {
    const { commandProblem } = await import('./command-typos.js');
    const problem = commandProblem(program, argv);
    if (problem?.kind === 'unknown') {
      const where = problem.parent === null ? 'close-account' : `close-account ${problem.parent}`;
      throw new UsageError(t('error.unknown-command', { name: problem.name, nearest: `${where} ${problem.nearest}` }), t('error.unknown-command-hint', { commands: problem.choices.join(', '), where }));
    }
    if (problem?.kind === 'missing') {
      throw new UsageError(t('error.missing-subcommand', { command: `close-account ${problem.command}`, commands: problem.choices.join(', ') }), t('error.see-help'));
    }
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    exitCode = await report(error, term, t, !argv.includes('--no-color'), { json: wantsJson(argv) && !printed.stdout, ctx });
  } finally {
    stopListening();
  }
  return exitCode;
}

/** --json anywhere before `--`: the caller wants one JSON document on stdout, errors included. */
function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** An error as the one document of a --json command. */
function errorDocument(code: string, message: string, exitCode: number): string {
  // Scrubbed and made safe like every other output: JSON.stringify escapes C0 controls only, the
  // sanitiser escapes the rest (C1, bidi overrides) in JSON's own \uXXXX, so the value is unchanged.
  return streamText(JSON.stringify({ schemaVersion: 1, error: { code, message, exitCode } }, null, 2), false);
}

const ERROR_CODES: Record<number, string> = {
  [EXIT.internal]: 'internal',
  [EXIT.usage]: 'usage',
  [EXIT.notReady]: 'not-ready',
  [EXIT.dataSource]: 'data-source',
  [EXIT.interrupted]: 'interrupted',
};

/** What Ctrl-C leaves: what the audit log kept, and whether anything was submitted. */
function interruptedMessage(t: Translate, ctx: CommandContext | null): string {
  const run = ctx?.currentRun;
  if (!run?.runId) return t('error.interrupted-nothing');
  if (run.submittedRequest) return t('error.interrupted-submitted', { runId: run.runId, id: run.submittedRequest });
  if (run.submittingRequest) return t('error.interrupted-submitting', { runId: run.runId, id: run.submittingRequest });
  return t('error.interrupted', { runId: run.runId });
}

/** Commander's own errors, said in the seller's language: the parts it names are kept as typed. */
function parserMessage(error: CommanderError, t: Translate): string {
  const m = error.message;
  // The option as the seller typed it, without commander's placeholder ("--adapter <name>").
  const quoted = [...m.matchAll(/'([^']*)'/g)].map((q) => q[1]!.replace(/ [<[].*$/, ''));
  const suggestion = /\(Did you mean (?:one of )?(.+)\?\)/.exec(m)?.[1];
  const nearest = suggestion ? ` ${t('error.parser.did-you-mean', { names: suggestion })}` : '';
  switch (error.code) {
    case 'commander.unknownOption':
      return t('error.parser.unknown-option', { option: quoted[0] ?? '' }) + nearest;
    case 'commander.unknownCommand':
      return t('error.parser.unknown-command', { name: quoted[0] ?? '' }) + nearest;
    case 'commander.excessArguments':
      return t('error.parser.excess-arguments', { command: quoted[0] ?? 'close-account' });
    case 'commander.missingArgument':
      return t('error.parser.missing-argument', { name: quoted[0] ?? '' });
    case 'commander.optionMissingArgument':
      return t('error.parser.option-missing-argument', { option: quoted[0] ?? '' });
    case 'commander.invalidArgument': {
      const choices = /Allowed choices are (.+)\.$/.exec(m)?.[1];
      return choices ? t('error.parser.invalid-choice', { option: quoted[0] ?? '', value: quoted[1] ?? '', choices }) : t('error.parser.invalid', { option: quoted[0] ?? '' });
    }
    default:
      return m.replace(/^error: /, '');
  }
}

async function report(error: unknown, term: Terminal, t: Translate, colourAllowed: boolean, how: { json: boolean; ctx: CommandContext | null }): Promise<number> {
  if (error instanceof CommanderError && ['commander.helpDisplayed', 'commander.version'].includes(error.code)) return EXIT.ok;
  if (error instanceof CommanderError && error.code === 'commander.help' && error.exitCode === 0) return EXIT.ok;
  const width = layoutWidth(term, 'stderr');
  const { colourWanted, styleFor } = await import('./io/style.js');
  const style = await styleFor(colourAllowed && colourWanted(term, 'stderr', false));
  // Scrubbed and made safe before it is fitted, like every other line the program prints.
  const say = (text: string) => {
    const shown = streamText(text, style.enabled);
    term.stderr.write(`${width ? wrapText(shown, width) : shown}\n`);
  };
  /** The message on stderr for people, and as the one document on stdout for --json. */
  const fail = (exitCode: number, message: string, hint: string | null, code = ERROR_CODES[exitCode] ?? 'error'): number => {
    if (how.json) term.stdout.write(`${errorDocument(code, message, exitCode)}\n`);
    say(style.red(t('render.label', { label: t('error.prefix'), value: message })));
    if (hint) say(hint);
    return exitCode;
  };
  if (error instanceof CommanderError) return fail(EXIT.usage, parserMessage(error, t), t('error.see-help'));
  if (error instanceof CliError) {
    if (error.exitCode === EXIT.interrupted) return fail(EXIT.interrupted, interruptedMessage(t, how.ctx), null);
    return fail(error.exitCode, error.message, error.hint);
  }
  if (error instanceof Error && error.name === 'AuditWriteError') {
    const { code, path } = error as Error & { code: string; path: string };
    const busy = /BUSY|LOCKED/.test(code);
    return fail(EXIT.usage, busy ? t('error.audit-busy', { path }) : t('error.audit-write', { path, code }), busy ? t('error.audit-busy-hint') : t('error.audit-write-hint'), busy ? 'audit-busy' : 'audit-write');
  }
  // A file SQLite cannot read is a damaged log: the seller's input, not a bug.
  if (error instanceof Error && error.name === 'SqliteError' && /^SQLITE_(CORRUPT|NOTADB)/.test(String((error as Error & { code?: string }).code))) {
    return fail(EXIT.usage, t('error.audit-damaged', { detail: error.message }), t('error.audit-damaged-hint'), 'audit-damaged');
  }
  // A bug: say so plainly; the stack only when asked for.
  const message = t('error.internal', { detail: error instanceof Error ? error.message : String(error) });
  if (how.json) term.stdout.write(`${errorDocument('internal', message, EXIT.internal)}\n`);
  say(style.red(message));
  if (term.env.CLOSE_ACCOUNT_DEBUG && error instanceof Error && error.stack) say(error.stack);
  else say(t('error.internal-hint'));
  return EXIT.internal;
}
