// The wizard's questions, drawn on stderr so that stdout stays for data. @inquirer/prompts is
// loaded only when a question is actually asked.

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

export function inquirerPrompter(term: Terminal): Prompter {
  const context = { input: term.stdin, output: term.stderr, clearPromptOnDone: false };
  const prompts = () => import('@inquirer/prompts');
  return {
    // What a question shows passes the terminal-text sanitiser like all other output; the values answered stay as they are.
    select: async (options) => {
      const { select } = await prompts();
      const shown = {
        ...options,
        message: terminalText(options.message),
        choices: options.choices.map((c) => ({ ...c, name: terminalText(c.name), ...(c.description === undefined ? {} : { description: terminalText(c.description) }) })),
      };
      return interruptible(() => select(shown as Parameters<typeof select>[0], context)) as never;
    },
    input: async (options) => {
      const { input } = await prompts();
      return interruptible(() => input({ ...options, message: terminalText(options.message) }, context));
    },
    confirm: async (options) => {
      const { confirm } = await prompts();
      return interruptible(() => confirm({ ...options, message: terminalText(options.message) }, context));
    },
  };
}
