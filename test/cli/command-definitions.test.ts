// Commands own their definitions (issue 15): each command's help and parser know its own flags and
// the six global ones, nothing else; a flag for another command is refused, not ignored; options
// are resolved once into a frozen value; the one list in src/commands/index.ts is what is registered.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { helpScreens, main } from '../../src/main.js';
import { COMMANDS } from '../../src/commands/index.js';
import { checkCommand } from '../../src/commands/check.js';
import { isGroup, type AnyCommand } from '../../src/command-kit/command-definition.js';
import { GLOBAL_FLAGS, resolveGlobalOptions } from '../../src/config/global-options.js';
import { translator } from '../../src/messages/catalogue.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-commands-'));
  dirs.push(dir);
  return dir;
};
const run = async (argv: string[]) => {
  const term = fakeTerminal();
  const code = await main(argv, term, { version: '9.9.9' });
  return { code, out: term.output(), err: term.errors() };
};
/** The long flags a help screen lists. */
const listed = (help: string) => new Set([...help.matchAll(/^ {2}(?:-[a-zA-Z], )?(--[a-z-]+)/gm)].map((m) => m[1]!));
const GLOBALS = GLOBAL_FLAGS.map((f) => f.flags.split(' ')[0]!);

/** Every command of the list with its words, groups walked. */
function allCommands(): { words: string[]; command: AnyCommand }[] {
  const found: { words: string[]; command: AnyCommand }[] = [];
  for (const entry of COMMANDS) {
    if (isGroup(entry)) {
      // A group that also runs by itself (`archive`) is a command too: its help lists its own flags.
      if (entry.byItself) found.push({ words: [entry.name], command: entry.byItself });
      for (const sub of entry.subcommands) found.push({ words: [entry.name, sub.name], command: sub });
    }
    else found.push({ words: [entry.name], command: entry });
  }
  return found;
}

describe('each command lists its own flags and the global ones, nothing else', () => {
  it.each(allCommands().map(({ words, command }) => [words.join(' '), command] as const))('%s --help', async (name, command) => {
    const { code, out } = await run([...name.split(' '), '--help', '--lang', 'en']);
    expect(code).toBe(0);
    const own = command.flags.filter((f) => !f.hidden).map((f) => f.flags.split(' ')[0]!);
    expect([...listed(out)].sort()).toEqual([...own, ...GLOBALS, '--help'].sort());
  });

  it("each example in a command's help runs that command with flags it takes", () => {
    for (const { words, command } of allCommands()) {
      if (!command.examples) continue;
      const lines = command.examples.join('\n').replace(/ \\\n\s*/g, ' ').split('\n');
      const takes = new Set([...command.flags.map((f) => f.flags.split(' ')[0]!), ...GLOBALS]);
      for (const line of lines) {
        expect(line.startsWith(`close-account ${words.join(' ')}`), line).toBe(true);
        for (const flag of line.match(/(?<= )--[a-z-]+/g) ?? []) expect(takes.has(flag), `${line}: ${flag}`).toBe(true);
      }
    }
  });

  it('audit verify lists no data-source, request or output flag', async () => {
    const { out } = await run(['audit', 'verify', '--help']);
    for (const flag of ['--adapter', '--reports-dir', '--demo-scenario', '--seller-id', '--reason', '--as-of', '--attest', '--dry-run', '--out', '--submitter']) expect(out).not.toContain(flag);
  });

  it('every command is described alike in the help: a lower-case phrase, as the parser writes its own', () => {
    const t = translator();
    for (const { words, command } of allCommands()) expect(t(command.description), words.join(' ')).toMatch(/^[a-z]/);
  });

  it('the list is what is registered: every command has a help screen', async () => {
    const screens = helpScreens().map((w) => w.join(' '));
    for (const { words } of allCommands()) expect(screens).toContain(words.join(' '));
    const root = await run(['--help']);
    for (const entry of COMMANDS) expect(root.out).toMatch(new RegExp(`^ {2}${entry.name}\\b`, 'm'));
  });
});

describe('a flag means one thing, for the commands that take it', () => {
  it('a flag the command does not take is refused (exit 2), after or before its name', async () => {
    for (const argv of [['audit', 'verify', '--seller-id', 'X'], ['--seller-id', 'X', 'audit', 'verify'], ['audit', '--adapter', 'demo', 'list'], ['reports', '--demo-scenario', 'ready']]) {
      const { code, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err).toMatch(/Unknown option --(seller-id|adapter|demo-scenario)/);
    }
  });

  it("a bad flag's hint names the command's own help; the program's for an unknown command or a flag before any", async () => {
    for (const [argv, help] of [
      [['audit', 'verify', '--bogus'], 'close-account audit verify --help'],
      [['portfolio', 'check', '--bogus'], 'close-account portfolio check --help'],
      [['--seller-id', 'X', 'audit', 'verify'], 'close-account audit verify --help'],
      [['archive', 'verify', 'a', 'b'], 'close-account archive verify --help'],
      [['--bogus'], 'close-account --help` for the commands'],
    ] as const) {
      const { code, err } = await run([...argv]);
      expect(code, argv.join(' ')).toBe(2);
      expect(err, argv.join(' ')).toContain(help);
    }
    const ja = await run(['--lang', 'ja', 'check', '--bogus']);
    expect(ja.err).toContain('`close-account check --help`');
  });

  it('archive takes only the flags it uses: --attest, --demo-done, --max-report-age and --encoding are refused, not ignored', async () => {
    const db = join(folder(), 'audit.db');
    for (const extra of [['--attest', 'all'], ['--demo-done', 'all'], ['--max-report-age', '1'], ['--encoding', 'utf-8']]) {
      const { code, err } = await run(['archive', ...extra, '--out', join(folder(), 'archive'), '--audit-db', db]);
      expect(code, extra.join(' ')).toBe(2);
      expect(err).toContain(`Unknown option ${extra[0]}`);
    }
  });

  it('a flag the command takes may come before its name, and global flags anywhere', async () => {
    const db = join(folder(), 'audit.db');
    const before = await run(['--as-of', '2026-11-20', '--json', 'check', '--audit-db', db]);
    expect(before.code).toBe(3);
    expect(JSON.parse(before.out).asOf).toBe('2026-11-20');
    for (const argv of [['--json', 'audit', 'verify', '--audit-db', db], ['audit', '--json', 'verify', '--audit-db', db], ['audit', 'verify', '--json', '--audit-db', db]]) {
      const { code, out } = await run(argv);
      expect(code, argv.join(' ')).toBe(0);
      expect(JSON.parse(out).intact).toBe(true);
    }
  });

  it("--reason is the seller's reason only: Amazon's rejection reason is --amazon-reason", async () => {
    const status = await run(['status', '--help']);
    expect(listed(status.out).has('--reason')).toBe(false);
    expect(listed(status.out).has('--amazon-reason')).toBe(true);
    expect((await run(['status', '--record', 'rejected', '--reason', 'Open claim'])).code).toBe(2);
  });

  it("fix listings --confirm confirms a deletion, not a submission", async () => {
    const help = (await run(['fix', 'listings', '--help'])).out;
    expect(help).toMatch(/--confirm <seller-id>\s+type the seller ID again to confirm the deletion/);
    expect(help).not.toContain('submission');
  });

  it('submit takes a closure-request file as --request-file, and still as --plan (not in its help)', async () => {
    const dir = folder();
    const db = join(dir, 'audit.db');
    const file = join(dir, 'request.json');
    const answers = ['--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com'];
    const saved = await run(['check', ...answers, '--out', file, '--audit-db', db]);
    expect(saved.code, saved.err).toBe(0);
    expect(saved.err).toContain('submit --request-file');
    const help = (await run(['submit', '--help'])).out;
    expect(listed(help).has('--request-file')).toBe(true);
    expect(listed(help).has('--plan')).toBe(false);
    const submitted = await run(['submit', '--plan', file, '--confirm', 'A2DEMO5ELLER7Q', '--audit-db', db]);
    expect(submitted.code, submitted.err).toBe(0);
    // The same request again through the new name: already submitted, not sent twice.
    const again = await run(['submit', '--request-file', file, '--confirm', 'A2DEMO5ELLER7Q', '--json', '--audit-db', db]);
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out).submission.alreadySubmitted).toBe(true);
  });
});

describe('options are resolved once, into a frozen value', () => {
  it('the wizard refuses --out (it saves no closure-request file) rather than ignore it', async () => {
    const { code, err } = await run(['--out', 'request.json']);
    expect(code).toBe(2);
    expect(err).toContain('--dry-run');
  });

  it('the bare program with --dry-run still refuses a submitter it could not use', async () => {
    const { code, err } = await run(['--dry-run', '--submitter', 'carrier-pigeon']);
    expect(code).toBe(2);
    expect(err).toContain('carrier-pigeon');
  });

  it('check: frozen, data source and request answers included, config file values filling in flags', async () => {
    const dir = folder();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ demoScenario: 'ready', email: 'cfg@example.com' }));
    const term = fakeTerminal();
    const t = translator();
    const options = await resolveGlobalOptions({ config }, term, t);
    const check = await checkCommand.resolve({ reason: 'other', demoDone: ['all'] }, { options, t, term }, []);
    expect(Object.isFrozen(check)).toBe(true);
    expect(Object.isFrozen(check.run)).toBe(true);
    expect(Object.isFrozen(check.run.source)).toBe(true);
    expect(Object.isFrozen(check.answers)).toBe(true);
    expect(check.run.source.demoScenario).toBe('ready');
    expect(check.answers).toEqual({ reason: 'other', email: 'cfg@example.com' });
    expect(check.run.source.demoDone.size).toBeGreaterThan(0);
    expect(() => {
      (check as { json: boolean }).json = true;
    }).toThrow(TypeError);
  });

  it('a bad value is refused by resolve, before anything runs (exit 2, nothing recorded)', async () => {
    const db = join(folder(), 'audit.db');
    const { code, err } = await run(['check', '--as-of', '2026-13-45', '--audit-db', db]);
    expect(code).toBe(2);
    expect(err).toContain('2026-13-45');
    const listed = await run(['audit', 'list', '--audit-db', db]);
    expect(listed.out).toContain('No audit log');
  });
});
