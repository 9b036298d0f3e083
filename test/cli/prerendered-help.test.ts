// `--help` is printed from text rendered at build time (scripts/render-help.mjs) so that it starts
// fast. These tests hold the shortcut to the parser: same text, every screen, every language.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { LANGUAGES } from '../../src/messages/language.cjs';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { ROOT, runCli, sandbox } from '../helpers/cli-process.js';

async function parserHelp(argv: string[]): Promise<string> {
  const term = fakeTerminal();
  const code = await main(argv, term, { version: '9.9.9' });
  expect(code).toBe(0);
  return term.output();
}

/** Every command path the parser knows, found by walking the "Commands:" list of each help screen. */
async function allScreens(): Promise<string[][]> {
  const screens: string[][] = [];
  const queue: string[][] = [[]];
  while (queue.length > 0) {
    const words = queue.shift()!;
    screens.push(words);
    const help = await parserHelp([...words, '--help', '--lang', 'en']);
    const commands = (help.split('\nCommands:\n')[1] ?? '').split('\n\n')[0]!;
    for (const line of commands.split('\n')) {
      const name = /^ {2}([a-z]+)\b/.exec(line)?.[1];
      if (name !== undefined && name !== 'help') queue.push([...words, name]);
    }
  }
  return screens;
}

describe('prerendered help', () => {
  it('exists for every command the parser knows, in every language, as the parser renders it', async () => {
    const screens = await allScreens();
    expect(screens.length).toBeGreaterThanOrEqual(13);
    for (const language of LANGUAGES) {
      for (const words of screens) {
        const file = join(ROOT, 'dist', 'help', language, `${words.join('-') || 'root'}.txt`);
        expect(existsSync(file), file).toBe(true);
        expect(readFileSync(file, 'utf8')).toBe(await parserHelp([...words, '--help', '--lang', language]));
      }
    }
  });

  // The test above holds every prerendered file to the parser, screen by screen, in this process.
  // What only the executable shows is that it finds and prints the right file: the lookup is one
  // code path for every screen (the words joined, the language chosen), so a real process for the
  // root and for the deepest screen, each language once, proves it without a start-up per screen.
  it('prints exactly what the parser prints, from the executable: the root and a nested screen, each language', async () => {
    const { env } = sandbox();
    const screens = await allScreens();
    const deepest = screens.reduce((a, b) => (b.length > a.length ? b : a));
    expect(deepest.length).toBeGreaterThanOrEqual(2);
    const cases: [string[], string][] = [[[], 'en'], ...LANGUAGES.map((language): [string[], string] => [deepest, language])];
    for (const [words, language] of cases) {
      const argv = [...words, '--help', '--lang', language];
      const printed = runCli(argv, env);
      expect(printed.code, argv.join(' ')).toBe(0);
      expect(printed.stderr).toBe('');
      expect(printed.stdout, argv.join(' ')).toBe(await parserHelp(argv));
    }
  });

  it('follows the locale when no --lang is given, and -h works like --help', async () => {
    const { env } = sandbox();
    const printed = runCli(['audit', 'verify', '-h'], { ...env, LANG: 'ja_JP.UTF-8' });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(await parserHelp(['audit', 'verify', '--help', '--lang', 'ja']));
  });

  it('leaves anything it does not know to the parser: a typo, an unknown language', async () => {
    const { env } = sandbox();
    // A typo is not a help screen: the parser's path names the nearest command (exit 2).
    const typo = runCli(['chek', '--help'], env);
    const parserTypo = fakeTerminal();
    expect({ code: typo.code, stdout: typo.stdout, stderr: typo.stderr }).toEqual({
      code: await main(['chek', '--help'], parserTypo, { version: '9.9.9' }),
      stdout: parserTypo.output(),
      stderr: parserTypo.errors(),
    });
    expect(typo.stderr).toContain('close-account check');
    const noLang = runCli(['check', '--help', '--lang'], env);
    const parserNoLang = fakeTerminal();
    expect({ code: noLang.code, stdout: noLang.stdout, stderr: noLang.stderr }).toEqual({
      code: await main(['check', '--help', '--lang'], parserNoLang, { version: '9.9.9' }),
      stdout: parserNoLang.output(),
      stderr: parserNoLang.errors(),
    });
    const badLang = runCli(['check', '--help', '--lang', 'xx'], env);
    expect(badLang.code).toBe(2);
    expect(badLang.stderr).toContain('xx');
  });
});
