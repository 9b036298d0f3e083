// The wizard's questions, drawn on stderr so that stdout stays for data. @inquirer/prompts is
// loaded only when a question is actually asked.

import { styleText } from 'node:util';
import type { Translate } from '../messages/catalogue.js';
import type { Terminal } from './terminal.js';
import { InterruptedError } from '../errors.js';
import { terminalText } from './terminal-text.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
  disabled?: boolean | string;
}

export interface Prompter {
  select<T>(options: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  input(options: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
}

/** Ctrl-C inside a prompt becomes an InterruptedError, handled like any other interruption. */
async function interruptible<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      throw new InterruptedError();
    }
    throw error;
  }
}

/**
 * The prompts' own words (key hints, yes and no) in the seller's language. An answered yes/no
 * question gets a neutral mark, not a green tick that would read as approval of a "No".
 */
function themes(t: Translate) {
  const yes = t('prompt.yes');
  const no = t('prompt.no');
  return {
    select: { style: { keysHelpTip: () => styleText('dim', t('prompt.keys-help')) }, i18n: { disabledError: t('prompt.disabled') } },
    confirm: (defaultYes: boolean) => ({
      prefix: { idle: styleText('blue', '?'), done: styleText('dim', '›') },
      keywords: { yes, no, error: () => t('prompt.yes-no-error', { yes, no }) },
      // "y" and "n" are always understood; the hint says so in the seller's language.
      style: { defaultAnswer: () => styleText('dim', t(defaultYes ? 'prompt.hint-default-yes' : 'prompt.hint-default-no')) },
    }),
    transformer: (value: boolean) => (value ? yes : no),
  };
}

/** Room kept after a question for its answer, so that the answered line fits the terminal. */
const ANSWER_ROOM = 24;

export function inquirerPrompter(term: Terminal, t: Translate): Prompter {
  const context = { input: term.stdin, output: term.stderr, clearPromptOnDone: false };
  const prompts = () => import('@inquirer/prompts');
  const theme = themes(t);
  // The prompts break their lines at the terminal's edge wherever it falls, mid-word: a long
  // question is broken between words here first, leaving room for the answer after it.
  const width = term.columns ?? 80;
  // `room`: what the answered line puts after the question; a select knows its longest answer.
  const fit = async (message: string, answers: readonly string[] = []) => {
    const { displayWidth, wrapText } = await import('./text-layout.js');
    const room = Math.max(ANSWER_ROOM, ...answers.map((a) => displayWidth(a) + 1));
    return wrapText(message, Math.max(20, width - 2 - room));
  };
  /** An answered choice is shown without its explanation in brackets: "Demo seller". */
  // （ ） (full-width) as escapes: the bundle stays ASCII (scripts/build.mjs).
  const short = (name: string) => name.replace(/\s*[\uff08(][^()\uff08\uff09]*[)\uff09]$/, '') || name;
  return {
    // What a question shows passes the terminal-text sanitiser like all other output; the values answered stay as they are.
    select: async (options) => {
      const { select } = await prompts();
      const choices = options.choices.map((c) => ({
        ...c,
        name: terminalText(c.name),
        short: terminalText(short(c.name)),
        ...(c.description === undefined ? {} : { description: terminalText(c.description) }),
      }));
      return interruptible(async () => select({ ...options, choices, message: await fit(terminalText(options.message), choices.map((c) => c.short)), theme: theme.select } as Parameters<typeof select>[0], context)) as never;
    },
    input: async (options) => {
      const { input } = await prompts();
      // The default shown in brackets, the answer as typed or taken, and a validation error can
      // all carry outside text (a --reason-text, a config file's email): shown through the sanitiser.
      // The error, after "> ", is broken between words too (a seller ID cut at the edge misreads).
      const { validate } = options;
      const fitError = async (value: string) => {
        const verdict = validate!(value);
        if (verdict === true) return true;
        const { wrapText } = await import('./text-layout.js');
        return wrapText(terminalText(verdict), Math.max(20, width - 2));
      };
      return interruptible(async () =>
        input(
          {
            ...options,
            ...(validate ? { validate: fitError } : {}),
            message: await fit(terminalText(options.message)),
            transformer: (value, { isFinal }) => (isFinal ? styleText('cyan', terminalText(value)) : terminalText(value)),
            theme: { style: { defaultAnswer: (text: string) => styleText('dim', `(${terminalText(text)})`), error: (text: string) => styleText('red', `> ${terminalText(text)}`) } },
          },
          context,
        ),
      );
    },
    confirm: async (options) => {
      const { confirm } = await prompts();
      return interruptible(async () => confirm({ ...options, message: await fit(terminalText(options.message)), theme: theme.confirm(options.default !== false), transformer: theme.transformer }, context));
    },
  };
}
