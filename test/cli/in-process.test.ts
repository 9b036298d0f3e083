// main() run in-process with a fake terminal: TTY and not, colour rules, stdout vs stderr.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { readinessJsonSchema } from '../../src/render/json-schema.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const ESC = '\u001b[';
const db = () => join(mkdtempSync(join(tmpdir(), 'ca-')), 'audit.db');
const run = (argv: string[], term = fakeTerminal()) => main(argv, term, { version: '9.9.9' }).then((code) => ({ code, term }));

describe('main, without a terminal', () => {
  it('never prompts: with no command it says which command and flags to use', async () => {
    const { code, term } = await run([]);
    expect(code).toBe(2);
    expect(term.errors()).toContain('needs a terminal');
    expect(term.errors()).toContain('close-account check');
    expect(term.errors()).toContain('--seller-id');
    expect(term.output()).toBe('');
  });

  it('prints exactly one JSON document on stdout, no colour, progress nowhere', async () => {
    const { code, term } = await run(['check', '--json', '--audit-db', db()]);
    expect(code).toBe(3);
    const doc = readinessJsonSchema.parse(JSON.parse(term.output()));
    expect(doc.verdict).toBe('blocked');
    expect(term.output()).not.toContain(ESC);
    expect(term.errors()).toBe('');
  });

  it('names every missing submit flag at once', async () => {
    const { code, term } = await run(['submit', '--audit-db', db()]);
    expect(code).toBe(2);
    for (const flag of ['--seller-id', '--reason', '--email', '--confirm']) expect(term.errors()).toContain(flag);
  });
});

describe('main, on a terminal', () => {
  it('colours stdout and shows progress on stderr', async () => {
    const { code, term } = await run(['check', '--audit-db', db()], fakeTerminal({ tty: true }));
    expect(code).toBe(3);
    expect(term.output()).toContain(ESC);
    expect(term.errors()).toContain('Checking: ');
  });

  it('honours NO_COLOR and --no-color', async () => {
    for (const [argv, env] of [
      [['check', '--audit-db', db()], { NO_COLOR: '1' }],
      [['check', '--no-color', '--audit-db', db()], {}],
    ] as const) {
      const { term } = await run([...argv], fakeTerminal({ tty: true, env }));
      expect(term.output()).not.toContain(ESC);
      expect(term.output()).toContain('BLOCKED');
    }
  });

  it('treats an empty NO_COLOR as unset, as no-color.org says', async () => {
    const { term } = await run(['check', '--audit-db', db()], fakeTerminal({ tty: true, env: { NO_COLOR: '' } }));
    expect(term.output()).toContain(ESC);
  });
});

describe('interruption', () => {
  it('Ctrl-C during a run closes it as interrupted and exits 130', async () => {
    const path = db();
    const term = fakeTerminal();
    // Interrupt as soon as the run has started: the first progress event is after the run row exists.
    const original = term.stderr.write.bind(term.stderr);
    let fired = false;
    const promise = main(['check', '--verbose', '--audit-db', path], term, { version: '1' });
    term.stderr.write = ((chunk: string) => {
      if (!fired && chunk.includes('checked')) {
        fired = true;
        try {
          term.interrupt();
        } catch {
          // the fake exit throws, as process.exit would end the process
        }
      }
      return original(chunk);
    }) as typeof term.stderr.write;
    await promise.catch(() => undefined);
    expect(fired).toBe(true);
    expect(term.errors()).toContain('Interrupted');
    const list = await run(['audit', 'list', '--json', '--audit-db', path]);
    const runs = JSON.parse(list.term.output()).runs;
    expect(runs[0]).toMatchObject({ outcome: 'interrupted', exitCode: 130 });
  });
});

describe('help and version', () => {
  it('lists the exit codes and every command', async () => {
    const { code, term } = await run(['--help']);
    expect(code).toBe(0);
    for (const text of ['Exit codes', '130', 'check', 'submit', 'status', 'audit', '--as-of', '--attest']) expect(term.output()).toContain(text);
  });

  it('shows the global options in a command’s help', async () => {
    const { term } = await run(['submit', '--help']);
    expect(term.output()).toContain('--confirm');
    expect(term.output()).toContain('--audit-db');
  });

  it('maps commander’s errors to exit 2 with a hint', async () => {
    const { code, term } = await run(['check', '--adapter', 'ftp']);
    expect(code).toBe(2);
    expect(term.errors()).toContain('Run `close-account check --help`');
  });
});
