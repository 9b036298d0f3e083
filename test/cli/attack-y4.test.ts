// Attack round y4 on the executable and what runs at every start: output that cannot be written,
// a reader that goes away, a dist/ that cannot be loaded, signals, and the command line.

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudit } from '../helpers/audit.js';
import { startCli } from '../helpers/cli-async.js';
import { homedir } from 'node:os';
import { configSchema } from '../../src/config/config-file.js';
import { defaultAuditDbPath } from '../../src/audit/default-path.js';
import { userFolder } from '../../src/audit/user-folders.js';
import { defaultAccountsPaths } from '../../src/portfolio/accounts-path.js';
import { expandHome } from '../../src/io/expand-home.js';
import { visibleWidth } from '../../src/io/text-layout.js';
import { LANGUAGES, loadMessages } from '../../src/messages/catalogue.js';
import { runMain } from '../helpers/cli-in-process.js';
import { assertBuilt, CLI, ROOT, sandbox } from '../helpers/cli-process.js';

const STACK = /\n\s+at |node:internal|Node\.js v\d/;

/** The built CLI with its stdout a file opened read-only: every write to it fails (EBADF), as a full disk's would (ENOSPC). */
function runWithUnwritableStdout(args: string[], env: Record<string, string>) {
  assertBuilt();
  const file = join(mkdtempSync(join(tmpdir(), 'close-account-ro-')), 'stdout');
  writeFileSync(file, '');
  const fd = openSync(file, 'r');
  try {
    const result = spawnSync(process.execPath, [CLI, ...args], { env, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 30_000 });
    return { code: result.status, stderr: result.stderr };
  } finally {
    closeSync(fd);
  }
}

describe('stdout that cannot be written', () => {
  it.each([[['check', '--json']], [['check']], [['audit', 'list', '--json']], [['--version']], [['--help']]])(
    '`%s` says so and exits 2, never a stack trace, never the success or verdict code of data that did not arrive',
    (args) => {
      const { env } = sandbox();
      const result = runWithUnwritableStdout(args, env);
      expect(result.stderr).toContain('error: Cannot write to stdout (EBADF): what close-account printed there is incomplete.');
      expect(result.stderr).not.toMatch(STACK);
      expect(result.code).toBe(2);
    },
  );

  it('is said in the language asked for', () => {
    const { env } = sandbox();
    const result = runWithUnwritableStdout(['audit', 'list', '--lang', 'ja'], env);
    expect(result.stderr).toContain('エラー: stdout に書き込めません（EBADF）');
    expect(result.code).toBe(2);
  });

  it('stderr that cannot be written leaves the data on stdout and the command\'s own exit code', () => {
    assertBuilt();
    const { env } = sandbox();
    const file = join(mkdtempSync(join(tmpdir(), 'close-account-ro-')), 'stderr');
    writeFileSync(file, '');
    const fd = openSync(file, 'r');
    try {
      const result = spawnSync(process.execPath, [CLI, 'check', '--json'], { env, stdio: ['ignore', 'pipe', fd], encoding: 'utf8', timeout: 30_000 });
      expect(result.status).toBe(3);
      expect((JSON.parse(result.stdout) as { verdict: string }).verdict).toBe('blocked');
    } finally {
      closeSync(fd);
    }
  });
});

describe('a reader that goes away (`| head`, a closed pipe)', () => {
  it('the command finishes, its run recorded whole, and exits with its own code (3 for blocked, not 0)', async () => {
    assertBuilt();
    const { env } = sandbox();
    for (const args of [['check'], ['check', '--json'], ['check', '--verbose']]) {
      const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      // Both ends gone before the first write: every write fails with EPIPE.
      child.stdout.destroy();
      if (args.includes('--verbose')) child.stderr.destroy();
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(code, args.join(' ')).toBe(3);
      expect(err).not.toMatch(STACK);
    }
    // What the three processes recorded, read in this process.
    const list = await runMain(['audit', 'list', '--json'], env);
    const runs = (JSON.parse(list.stdout) as { runs: { outcome: string; exitCode: number }[] }).runs;
    expect(runs).toHaveLength(3);
    for (const run of runs) expect(run).toMatchObject({ outcome: 'completed', exitCode: 3 });
  });
});

describe('a dist/ whose program cannot be loaded', () => {
  function copyOfBuild(): { root: string; dist: string } {
    assertBuilt();
    const root = mkdtempSync(join(tmpdir(), 'close-account-build-copy-'));
    cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    return { root, dist: join(root, 'dist') };
  }

  it('missing, or cut short: a sentence that names the file and says to rebuild, exit 1, no stack trace', () => {
    const { root, dist } = copyOfBuild();
    const { env } = sandbox();
    try {
      const program = join(dist, 'close-account.cjs');
      // dist/ copied without the package.json beside it: --version and a command say so.
      renameSync(join(root, 'package.json'), join(root, 'package.json.moved'));
      for (const args of [['--version'], ['--dry-run']]) {
        const noPackage = spawnSync(process.execPath, [join(dist, 'cli.cjs'), ...args], { env, encoding: 'utf8' });
        expect(noPackage.stderr, args[0]).toContain(`error: close-account cannot start: its file ${join(root, 'package.json')} cannot be loaded (ENOENT).`);
        expect(noPackage.stderr, args[0]).not.toMatch(STACK);
        expect(noPackage.status, args[0]).toBe(1);
      }

      renameSync(join(root, 'package.json.moved'), join(root, 'package.json'));
      truncateSync(program, 400_000);
      const cut = spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'check'], { env, encoding: 'utf8' });
      expect(cut.stderr).toContain(`error: close-account cannot start: its file ${program} cannot be loaded (SyntaxError`);
      expect(cut.stderr).toContain('npm run build');
      expect(cut.stderr).not.toMatch(STACK);
      expect(cut.status).toBe(1);

      rmSync(program);
      const missing = spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'check', '--lang', 'zh-CN'], { env, encoding: 'utf8' });
      expect(missing.stderr).toContain(`错误：close-account 无法启动：无法加载其文件 ${program}（ENOENT）`);
      expect(missing.stderr).not.toMatch(STACK);
      expect(missing.status).toBe(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a file the program loads on the way (a catalogue, the demo seller) missing or damaged: said as the installation\'s, not as a bug, no stack trace', () => {
    const { root, dist } = copyOfBuild();
    const { env } = sandbox();
    try {
      rmSync(join(dist, 'messages-ja.cjs'));
      const catalogue = spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'check', '--lang', 'ja'], { env, encoding: 'utf8' });
      expect(catalogue.stderr).toContain(`エラー: close-account を起動できません。ファイル ${join(dist, 'messages-ja.cjs')} を読み込めません（MODULE_NOT_FOUND）`);
      expect(catalogue.stderr).not.toMatch(STACK);
      expect(catalogue.status).toBe(1);

      const seller = join(dist, 'demo-seller', 'blocked.json');
      writeFileSync(seller, '{"name":');
      const cut = spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'check', '--json'], { env, encoding: 'utf8' });
      expect(cut.status).toBe(1);
      expect(JSON.parse(cut.stdout)).toMatchObject({ error: { code: 'internal', message: `close-account cannot run: its file ${seller} is missing or cannot be read (SyntaxError).` } });
      expect(cut.stderr).toContain('The installation is incomplete or damaged');
      expect(cut.stderr).not.toContain('This is a bug');
      rmSync(seller);
      const gone = spawnSync(process.execPath, [join(dist, 'cli.cjs'), '--dry-run'], { env, encoding: 'utf8' });
      expect(gone.stderr).toContain(`close-account cannot run: its file ${seller} is missing or cannot be read (ENOENT).`);
      expect(gone.status).toBe(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('SIGTERM and SIGHUP (a `kill`, `timeout`, a cancelled CI job, a closed terminal)', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s during the checks: the run recorded as interrupted (the signal named), exit %i, the log intact', async (signal, code) => {
    const { env, db } = sandbox();
    const run = startCli(['check', '--json'], { ...env, CLOSE_ACCOUNT_FAILPOINT: 'during-checks' });
    await run.waitForStderr('failpoint reached: during-checks');
    run.child.kill(signal);
    expect(await run.exit()).toBe(code);
    expect(run.stderr()).toContain('Interrupted. Nothing was submitted, and no check had finished: the audit log records only that run');
    expect(JSON.parse(run.stdout())).toMatchObject({ error: { code: 'interrupted', exitCode: code } });
    const audit = readAudit(db);
    expect(audit.runs[0]).toMatchObject({ outcome: 'interrupted', exit_code: code });
    expect(audit.types).toEqual(['run-started', 'interrupted', 'run-finished']);
    expect(audit.intact).toBe(true);
    // Nothing left for the next run (in this process) to find abandoned.
    const next = await runMain(['check'], env);
    expect(next.stderr).not.toContain('stopped without finishing');
  });
});

describe('a command\'s own flag given before its name, as the README allows', () => {
  it('is the command\'s (a group\'s subcommand too), not taken for a mistyped command ("md" is not a command, did you mean fix?)', async () => {
    const { env } = sandbox();
    expect((await runMain(['check', '--attest', 'all'], env)).code).toBe(3);
    expect((await runMain(['check', '--attest', 'all'], env)).code).toBe(3);
    const runs = (args: string[]) => runMain(args, env).then((r) => ({ ...r, runs: r.code === 0 ? (JSON.parse(r.stdout) as { runs: unknown[] }).runs.length : null }));
    for (const args of [
      ['--limit', '1', 'audit', 'list', '--json'],
      ['--limit=1', 'audit', 'list', '--json'],
      ['audit', '--limit', '1', 'list', '--json'],
      ['--json', '--limit', '1', 'audit', 'list'],
    ]) {
      const result = await runs(args);
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.runs, args.join(' ')).toBe(1);
    }
    const md = await runMain(['--format', 'md', 'audit', 'export'], env);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Seller account closure dossier/);
    const bad = await runMain(['--format', 'bogus', 'audit', 'export'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown format "bogus"');
  });

  it('a flag the command does not take is refused by its name, exit 2, whatever follows it', async () => {
    const { env } = sandbox();
    for (const args of [['--limit', '1', 'check'], ['--limit', '1', 'audit', 'verify'], ['--bogus', '5', 'audit', 'list']]) {
      const result = await runMain(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^error: Unknown option --(limit|bogus)\./);
      expect(result.stderr, args.join(' ')).not.toContain('is not a close-account command');
    }
  });
});

describe('a run killed (SIGKILL) mid-way', () => {
  it('is not shown as running: audit list (text and JSON) and show say its process is gone; the log verifies; the next check records it as interrupted', async () => {
    const { env } = sandbox();
    const run = startCli(['check'], { ...env, CLOSE_ACCOUNT_FAILPOINT: 'during-checks' });
    await run.waitForStderr('failpoint reached: during-checks');
    run.child.kill('SIGKILL');
    await run.exit();
    const list = await runMain(['audit', 'list', '--json'], env);
    const [killed] = (JSON.parse(list.stdout) as { runs: { id: string; outcome: string }[] }).runs;
    expect(killed!.outcome).toBe('abandoned');
    expect((await runMain(['audit', 'list'], env)).stdout).toContain('stopped (process gone)');
    expect((await runMain(['audit', 'show', killed!.id], env)).stdout).toContain('stopped (process gone)');
    expect((await runMain(['audit', 'verify'], env)).code).toBe(0);
    const next = await runMain(['check'], env);
    expect(next.stderr).toContain(`Run ${killed!.id} stopped without finishing (its process is gone): recorded as interrupted.`);
    const after = (JSON.parse((await runMain(['audit', 'list', '--json'], env)).stdout) as { runs: { id: string; outcome: string }[] }).runs;
    expect(after.find((r) => r.id === killed!.id)!.outcome).toBe('interrupted');
  });
});

describe('help on a narrow terminal', () => {
  it.each([['--help'], ['check', '--help'], ['submit', '--help', '--lang', 'ja'], ['audit', 'export', '--help', '--lang', 'zh-CN']])(
    '`%s` is fitted to 50 columns like every other human output (the exit codes and examples included)',
    async (...args) => {
      const { env } = sandbox();
      const result = await runMain(args, { ...env, COLUMNS: '50' });
      expect(result.code).toBe(0);
      const long = result.stdout.split('\n').filter((line) => visibleWidth(line) > 50);
      expect(long).toEqual([]);
    },
  );
});

describe('`close-account help`', () => {
  it('points to --help, not to the nearest command by spelling (check)', async () => {
    const { env } = sandbox();
    const root = await runMain(['help'], env);
    expect(root.code).toBe(2);
    expect(root.stderr).toContain('"help" is not a close-account command. Did you mean close-account --help?');
    const group = await runMain(['audit', 'help'], env);
    expect(group.stderr).toContain('Did you mean close-account audit --help?');
  });
});

describe('the config file\'s hint', () => {
  it('names every key the config file takes, in every language (maxReportAge was missing)', async () => {
    const keys = [...Object.keys(configSchema.shape), ...Object.keys(configSchema.shape.spApi.unwrap().shape)];
    for (const language of LANGUAGES) {
      const hint = (await loadMessages(language))['error.config-hint']();
      for (const key of keys) expect(hint, `${language}: ${key}`).toMatch(new RegExp(`\\b${key}\\b`));
    }
  });
});

describe('--lang given twice', () => {
  it('the last wins, as for every other flag; a bad last value is refused, not passed over for a good first one', async () => {
    const { env } = sandbox();
    expect((await runMain(['check', '--lang', 'ja', '--lang', 'en'], env)).stdout).toMatch(/^DEMO DATA:/);
    expect((await runMain(['--lang', 'en', 'check', '--lang', 'ja'], env)).stdout).toMatch(/^デモデータ/);
    const bad = await runMain(['audit', 'list', '--lang=zh-CN', '--lang=xx'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown language "xx"');
  });
});

describe('a data-source flag given for another source than the one that runs', () => {
  it('is refused (exit 2) before anything is checked, not silently ignored: `check --reports-dir D` without --adapter reports ran the demo seller', async () => {
    const { env, home } = sandbox();
    const cases: [string[], string][] = [
      [['check', '--reports-dir', home], '--reports-dir is for --adapter reports, and the data here comes from demo'],
      [['--dry-run', '--max-report-age', '5'], '--max-report-age is for --adapter reports'],
      [['plan', '--encoding', 'utf-8'], '--encoding is for --adapter reports'],
      [['check', '--adapter', 'reports', '--reports-dir', home, '--demo-done', 'all'], '--demo-done is for --adapter demo, and the data here comes from reports'],
      [['check', '--adapter', 'sp-api', '--demo-scenario', 'ready'], '--demo-scenario is for --adapter demo, and the data here comes from sp-api'],
    ];
    for (const [args, said] of cases) {
      const result = await runMain(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(said);
      expect(result.stdout, args.join(' ')).toBe('');
    }
    // What belongs to the source that runs is taken as before.
    expect((await runMain(['check', '--demo-scenario', 'ready', '--demo-done', 'all', '--attest', 'all'], env)).code).toBe(0);
    expect((await runMain(['audit', 'list', '--json'], env)).stdout).toContain('"outcome": "completed"');
  });
});

describe('a path flag given an empty value', () => {
  it('is refused as a missing value (exit 2), not taken for no flag: the default log written, no file saved, nothing said', async () => {
    const { env } = sandbox();
    for (const args of [['check', '--audit-db', ''], ['--audit-db=', 'check'], ['check', '--out', ''], ['check', '--config', ''], ['plan', '--ics', ''], ['audit', 'export', '--out=']]) {
      const result = await runMain(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^error: The option --[a-z-]+ needs a value\./);
    }
    expect((await runMain(['audit', 'list', '--json'], env)).stdout).toContain('"exists": false');
  });
});

describe('HOME set but empty', () => {
  it('the user\'s folders (audit log, chain head copies, accounts file) are under the home from the system, never relative to the working folder', () => {
    for (const kind of ['data', 'state', 'config'] as const) {
      const folder = userFolder(kind, { HOME: '' }, 'linux', '');
      expect(folder.startsWith(homedir()), kind).toBe(true);
      expect(isAbsolute(folder), kind).toBe(true);
    }
    expect(isAbsolute(defaultAuditDbPath({ HOME: '' }, 'linux', ''))).toBe(true);
    expect(defaultAccountsPaths({ HOME: '' }, 'linux', '').every((path) => isAbsolute(path))).toBe(true);
  });
});

describe('~ with HOME unset or empty', () => {
  it('is the user\'s home from the system (as the default places are), never a literal "~" folder in the working folder', () => {
    expect(expandHome('~/audit.db', undefined)).toBe(join(homedir(), 'audit.db'));
    expect(expandHome('~/audit.db', '')).toBe(join(homedir(), 'audit.db'));
    expect(expandHome('~', '')).toBe(homedir());
    expect(expandHome('/abs/~/x', '')).toBe('/abs/~/x');
  });
});
