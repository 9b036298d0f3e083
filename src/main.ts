// Parses the command line and runs one command. Everything reaches the outside world through
// `term`, so tests run this in-process with their own streams, with and without a TTY.

import { constants as osConstants } from 'node:os';
import { Command, CommanderError, Help, Option } from 'commander';
import { EXIT, CliError, UsageError } from './errors.js';
import { canPrompt, layoutWidth, type Terminal } from './io/terminal.js';
import { terminalText } from './io/terminal-text.js';
import { registerEnvironmentSecrets, secrets } from './security/secret-registry.js';
import { loadMessages, translator, type Translate } from './messages/catalogue.js';
import { chooseLanguage, langFlag } from './messages/language.cjs';
import { visibleWidth, wrapText } from './io/text-layout.js';
import { GLOBAL_FLAGS } from './config/global-options.js';
import type { FlagSpec, RawFlags } from './config/flag-spec.js';
import { isGroup, type AnyCommand, type CommandEntry, type CommandGroup } from './command-kit/command-definition.js';
import type { CommandIo } from './command-kit/command-io.js';
import { COMMANDS, rootCommand } from './commands/index.js';
import type { Prompter } from './io/prompter.js';

export interface MainOptions {
  version: string;
  /** Tests may answer the wizard's questions themselves. */
  prompter?: Prompter;
}

/** Every help screen: the bare program, and each command and group by its words (scripts/render-help.mjs renders them all). */
export function helpScreens(): string[][] {
  const screens: string[][] = [[]];
  const walk = (entry: CommandEntry, words: string[]) => {
    screens.push([...words, entry.name]);
    if (isGroup(entry)) for (const sub of entry.subcommands) walk(sub, [...words, entry.name]);
  };
  for (const entry of COMMANDS) walk(entry, []);
  return screens;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Commander's "[options]" and "[command]", and each value's <name>, said in the seller's language. */
const placeholders = (text: string, t: Translate) =>
  text
    .replace(/\[options\]/g, t('help.options-placeholder'))
    .replace(/\[command\]/g, t('help.command-placeholder'))
    .replace(/<([a-z-]+)>/g, (_, name: string) => `<${t('help.value-placeholder', { name })}>`);

/** A declared flag as commander's option, its help in the seller's language. */
function optionOf(spec: FlagSpec, t: Translate, group?: string): Option {
  const option = new Option(spec.flags, t(spec.help));
  if (spec.choices) option.choices(spec.choices);
  if (spec.repeatable) option.argParser(collect).default([]);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.hidden) option.hideHelp();
  if (group) option.helpGroup(group);
  return option;
}

/** A command's own flags, then the global ones under their own heading (each command takes them, before or after its name). */
function addFlags(cmd: Command, flags: readonly FlagSpec[], t: Translate): Command {
  for (const spec of flags) cmd.addOption(optionOf(spec, t));
  for (const spec of GLOBAL_FLAGS) cmd.addOption(optionOf(spec, t, `${t('help.heading.global-options')}:`));
  return cmd;
}

/**
 * The flags of the command being run, from the words before it (`close-account --as-of D check`)
 * and after it; a flag given to a group or the program that this command does not take is refused,
 * never silently ignored.
 */
function commandFlags(cmd: Command): RawFlags {
  const chain: Command[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) chain.unshift(c);
  const own = new Set(cmd.options.map((o) => o.attributeName()));
  const raw: Record<string, unknown> = {};
  for (const c of chain) {
    for (const option of c.options) {
      const key = option.attributeName();
      const source = c.getOptionValueSource(key);
      if (source === undefined || source === 'default' || source === 'implied') continue;
      if (!own.has(key)) throw fromCommand(cmd, new CommanderError(EXIT.usage, 'commander.unknownOption', `error: unknown option '${option.long ?? option.flags}'`));
      const value: unknown = c.getOptionValue(key);
      // An empty path (`--audit-db "$UNSET"`, `--out ''`) would be taken for no flag at all: the
      // default log written, no file saved, and nothing said.
      if (value === '' && /<(file|folder|path|dir)>/.test(option.flags)) {
        throw fromCommand(cmd, new CommanderError(EXIT.usage, 'commander.optionMissingArgument', `error: option '${option.long ?? option.flags}' argument missing`));
      }
      const before = raw[key];
      raw[key] = Array.isArray(before) && Array.isArray(value) ? [...before, ...(value as unknown[])] : value;
    }
  }
  return Object.freeze(raw);
}

type RunAction = (definition: AnyCommand) => (...args: unknown[]) => Promise<void>;

/** The command a parser error came from, so its hint names that command's own help. */
const FAILED_COMMAND = Symbol('failed command');
type TaggedError = CommanderError & { [FAILED_COMMAND]?: string };

function fromCommand(cmd: Command, error: CommanderError): CommanderError {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  (error as TaggedError)[FAILED_COMMAND] = names.join(' ');
  return error;
}

function buildProgram(t: Translate, term: Terminal, version: string, run: RunAction, argv: readonly string[]): Command {
  const program = new Command('close-account')
    .description(t(rootCommand.description))
    .version(version, '-V, --version', t('help.version'))
    .helpOption('-h, --help', t('help.help'))
    .helpCommand(false)
    // The program's own flags (the wizard's, --dry-run's) are its own: before a command's name they
    // are that command's, if it takes them (commandFlags), never a second meaning.
    .enablePositionalOptions()
    .configureHelp({
      // Commander writes its section headings in English: they are said in the seller's language.
      formatHelp: (cmd, helper) =>
        Help.prototype.formatHelp
          .call(helper, cmd, helper)
          .replace(/^Usage:/m, `${t('help.heading.usage')}:`)
          .replace(/^Arguments:$/m, `${t('help.heading.arguments')}:`)
          .replace(/^Options:$/m, `${t('help.heading.options')}:`)
          .replace(/^Commands:$/m, `${t('help.heading.commands')}:`),
      // A command's own options first, the global ones after them (and -h with the command's own).
      groupItems: <T extends Command | Option>(unsorted: T[], visible: T[], getGroup: (item: T) => string): Map<string, T[]> => {
        const groups = Help.prototype.groupItems.call(new Help(), unsorted, visible, getGroup as (item: Command | Option) => string) as Map<string, T[]>;
        const own = groups.get('Options:');
        return own ? new Map([['Options:', own], ...[...groups].filter(([name]) => name !== 'Options:')]) : groups;
      },
      // Placeholders in the seller's language, before commander lines the columns up.
      subcommandTerm: (cmd) => placeholders(Help.prototype.subcommandTerm.call(new Help(), cmd), t),
      commandUsage: (cmd) => placeholders(Help.prototype.commandUsage.call(new Help(), cmd), t),
      optionTerm: (option) => placeholders(Help.prototype.optionTerm.call(new Help(), option), t),
      argumentTerm: (argument) => t('help.value-placeholder', { name: Help.prototype.argumentTerm.call(new Help(), argument) }),
      // Widths in display cells (a kanji takes two) and lines broken where Chinese and Japanese allow.
      displayWidth: (text) => visibleWidth(text),
      // A narrow description column is still broken within itself, not left to run past the edge.
      minWidthToWrap: 16,
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
      // Help fitted to a terminal narrower than its columns need (commander leaves a description
      // column under 40 cells unbroken, and the text after the options is never broken).
      writeOut: (s) => {
        const width = layoutWidth(term, 'stdout');
        return term.stdout.write(width ? wrapText(streamText(s, false), width) : streamText(s, false));
      },
      writeErr: (s) => term.stderr.write(streamText(s, false)),
      outputError: () => {}, // reported by main() with a hint, once
    });
  const named = namedCommand(argv);
  // A command (not a group: the words after a group's name are read against every flag, to find its
  // subcommand) named first takes every flag after its name: the bare program's are not needed.
  if (!(named?.first && !isGroup(named.entry))) {
    addFlags(program, rootCommand.flags, t);
    if (rootCommand.helpAfter) program.addHelpText('after', `\n${rootCommand.helpAfter.map((key) => t(key)).join('\n\n')}`);
    program.action(run(rootCommand));
  }
  for (const entry of named ? [named.entry] : COMMANDS) register(program, entry, t, run);
  if (named?.leaf && named.flagsBefore) acceptFlagsBefore(program, named.path, named.leaf, t);
  return program;
}

/**
 * A command's own flags given before its name (`close-account --limit 5 audit list`, `audit --format
 * md export`): the program and the groups on the way read them too, hidden from their help, and
 * the command gets them (commandFlags). A flag they already take (a global one) is left as it is.
 */
function acceptFlagsBefore(program: Command, path: readonly string[], leaf: AnyCommand, t: Translate): void {
  let holder: Command | undefined = program;
  for (const name of path) {
    if (!holder) return;
    const taken = new Set(holder.options.flatMap((o) => [o.long, o.short]).filter(Boolean));
    for (const spec of leaf.flags) {
      const option = optionOf(spec, t).hideHelp();
      if (!taken.has(option.long) && !taken.has(option.short)) holder.addOption(option);
    }
    holder = holder.commands.find((c) => c.name() === name);
    // The leaf itself (the last name) has its own flags already; a group that runs alone (archive) is its leaf.
    if (holder && (holder.commands.length === 0 || name === path[path.length - 1])) return;
  }
}

/** Every flag that takes a value, of the program and of every command: the word after it is that value, never a command's name. */
function flagsTakingValues(): Set<string> {
  const specs: FlagSpec[] = [...rootCommand.flags, ...GLOBAL_FLAGS];
  const walk = (entry: CommandEntry): void => {
    if (!isGroup(entry)) {
      specs.push(...entry.flags);
      return;
    }
    specs.push(...(entry.byItself?.flags ?? []));
    entry.subcommands.forEach(walk);
  };
  COMMANDS.forEach(walk);
  return new Set(specs.filter((spec) => /[<[]/.test(spec.flags)).flatMap((spec) => spec.flags.split(/[ ,|]+/).filter((word) => word.startsWith('-'))));
}

/**
 * The command the command line names, when its first word that is no flag (nor a flag's value)
 * names one, and whether that word comes first; null for the bare program, its help or a typo.
 * The parser then needs that command alone: each command's options cost time to build at every
 * start (~3 ms for all of them), and a command's parsing, help and errors never look at the others.
 * For a group, `leaf` is the subcommand named after it (or what the group runs alone), `path` the
 * names down to it, and `flagsBefore` whether a flag came before the leaf's name.
 */
function namedCommand(argv: readonly string[]): { entry: CommandEntry; first: boolean; leaf: AnyCommand | null; path: string[]; flagsBefore: boolean } | null {
  const takesValue = flagsTakingValues();
  let named: { entry: CommandEntry; first: boolean } | null = null;
  let flagsBefore = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') break;
    if (word.startsWith('-')) {
      flagsBefore = true;
      if (takesValue.has(word)) i += 1;
      continue;
    }
    if (named === null) {
      const entry = COMMANDS.find((e) => e.name === word);
      if (!entry) return null;
      named = { entry, first: i === 0 };
      if (!isGroup(entry)) return { ...named, leaf: entry, path: [entry.name], flagsBefore };
      continue;
    }
    // The word after a group's name: its subcommand, if it names one.
    const group = named.entry as CommandGroup;
    const sub = group.subcommands.find((c) => c.name === word);
    return sub ? { ...named, leaf: sub, path: [group.name, sub.name], flagsBefore } : { ...named, leaf: null, path: [group.name], flagsBefore: false };
  }
  if (named === null) return null;
  const group = named.entry as CommandGroup;
  return { ...named, leaf: group.byItself ?? null, path: [group.name], flagsBefore };
}

/** One entry of the command list: a command, or a group and its commands. */
function register(parent: Command, entry: CommandEntry, t: Translate, run: RunAction): void {
  const cmd = parent.command(entry.name).description(t(entry.description));
  cmd.exitOverride((error) => {
    throw fromCommand(cmd, error);
  });
  if (isGroup(entry)) {
    cmd.helpCommand(false);
    addFlags(cmd, entry.byItself?.flags ?? [], t);
    for (const sub of entry.subcommands) register(cmd, sub, t, run);
    if (entry.byItself) cmd.action(run(entry.byItself));
    return;
  }
  for (const argument of entry.arguments ?? []) cmd.argument(argument.optional ? `[${argument.name}]` : `<${argument.name}>`, t(argument.help));
  addFlags(cmd, entry.flags, t);
  const after = [
    ...(entry.examples ? [`${t('help.heading.examples')}:\n${entry.examples.map((line) => `  ${line}`).join('\n')}`] : []),
    ...(entry.helpAfter ?? []).map((key) => t(key)),
  ];
  if (after.length > 0) cmd.addHelpText('after', `\n${after.join('\n\n')}`);
  cmd.action(run(entry));
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
  let io: CommandIo | null = null;
  /** Whether a document already went to stdout: --json prints exactly one, so an error after it adds none. */
  const printed = { stdout: false };

  // Ctrl-C outside a prompt, or SIGTERM / SIGHUP: close the run as interrupted (synchronous
  // SQLite), naming the signal, then stop with the shell's code for it (130, 143, 129).
  const stopListening = term.onInterrupt((signal = 'SIGINT') => {
    const code = signal === 'SIGINT' ? EXIT.interrupted : 128 + osConstants.signals[signal];
    io?.currentRun?.finish('interrupted', code, { at: 'signal', signal });
    const message = io?.onInterrupted?.() ?? interruptedMessage(t, io);
    if (wantsJson(argv) && !printed.stdout) term.stdout.write(`${errorDocument('interrupted', message, code)}\n`);
    term.stderr.write(`\n${streamText(message, false)}\n`);
    exitCode = code;
    term.exit(code);
  });

  const run: RunAction =
    (definition) =>
    async (...args: unknown[]): Promise<void> => {
      const cmd = args[args.length - 1] as Command;
      const raw = commandFlags(cmd);
      // Loaded here, not at start-up: --help and --version need none of it.
      const [{ resolveGlobalOptions }, { colourWanted, styleFor }] = await Promise.all([import('./config/global-options.js'), import('./io/style.js')]);
      const globals = await resolveGlobalOptions(raw, term, t);
      const out = await styleFor(colourWanted(term, 'stdout', globals.noColor));
      const err = await styleFor(colourWanted(term, 'stderr', globals.noColor));
      // Human text is fitted to the terminal: a line never runs past it, nor breaks inside a word.
      // Data on stdout follows io.columns. Secrets are scrubbed and outside text made safe first,
      // so the fitting measures what is shown.
      const columns = globals.json ? null : layoutWidth(term, 'stdout');
      const fit = (text: string, width: number | null) => (width ? wrapText(text, width) : text);
      const stderrWidth = globals.json ? null : layoutWidth(term, 'stderr');
      const warnings: string[] = [];
      const printOut = (text: string, width: number | null) => {
        printed.stdout = true;
        term.stdout.write(`${fit(streamText(text, out.enabled), width)}\n`);
      };
      const commandIo: CommandIo = {
        columns,
        term,
        version: options.version,
        t,
        out,
        err,
        print: (text) => printOut(text, columns),
        printAsIs: (text) => printOut(text, null),
        say: (text) => term.stderr.write(`${fit(streamText(text, err.enabled), stderrWidth)}\n`),
        warnings,
        warn: (text) => {
          const clean = secrets.scrub(text);
          warnings.push(clean);
          commandIo.currentRun?.event('warning', { message: clean });
          term.stderr.write(`${fit(streamText(err.yellow(t('render.label', { label: t('warning.prefix'), value: clean })), err.enabled), stderrWidth)}\n`);
        },
        currentRun: null,
        canPrompt: canPrompt(term),
        prompter: async () => options.prompter ?? (await import('./io/prompter.js')).inquirerPrompter(term, t),
      };
      io = commandIo;
      const resolved: unknown = await definition.resolve(raw, { options: globals, t, term }, cmd.args);
      exitCode = await definition.run(resolved, commandIo);
    };

  const program = buildProgram(t, term, options.version, run, argv);
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
    exitCode = await report(error, term, t, !argv.includes('--no-color'), { json: wantsJson(argv) && !printed.stdout, io });
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
function interruptedMessage(t: Translate, io: CommandIo | null): string {
  const run = io?.currentRun;
  if (!run?.runId) return t('error.interrupted-nothing');
  if (run.submittedRequest) return t('error.interrupted-submitted', { runId: run.runId, id: run.submittedRequest });
  if (run.submittingRequest) return t('error.interrupted-submitting', { runId: run.runId, id: run.submittingRequest });
  return run.keptAnything ? t('error.interrupted', { runId: run.runId }) : t('error.interrupted-early', { runId: run.runId });
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

async function report(error: unknown, term: Terminal, t: Translate, colourAllowed: boolean, how: { json: boolean; io: CommandIo | null }): Promise<number> {
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
  if (error instanceof CommanderError) {
    const command = (error as TaggedError)[FAILED_COMMAND];
    // An unknown command is the program's to explain; a bad flag, the command's own help.
    const hint = command && command !== 'close-account' && error.code !== 'commander.unknownCommand' ? t('error.see-command-help', { command }) : t('error.see-help');
    return fail(EXIT.usage, parserMessage(error, t), hint);
  }
  if (error instanceof CliError) {
    if (error.exitCode === EXIT.interrupted) return fail(EXIT.interrupted, interruptedMessage(t, how.io), null);
    return fail(error.exitCode, error.message, error.hint, error.errorCode ?? undefined);
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
  // A file of the built program missing or damaged (dist/ incomplete): the installation, not a bug.
  if (error instanceof Error && error.name === 'ProgramFileMissing') {
    const { path, code } = error as Error & { path: string; code: string };
    return fail(EXIT.internal, t('error.install-incomplete', { path, code }), t('error.install-incomplete-hint'), 'internal');
  }
  // A bug: say so plainly; the stack only when asked for.
  const message = t('error.internal', { detail: error instanceof Error ? error.message : String(error) });
  if (how.json) term.stdout.write(`${errorDocument('internal', message, EXIT.internal)}\n`);
  say(style.red(message));
  if (term.env.CLOSE_ACCOUNT_DEBUG && error instanceof Error && error.stack) say(error.stack);
  else say(t('error.internal-hint'));
  return EXIT.internal;
}
