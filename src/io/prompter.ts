// The wizard's questions, drawn on stderr so that stdout stays for data. @inquirer/prompts is
// loaded only when a question is actually asked.

import type { Terminal } from './terminal.js';
import { InterruptedError } from '../errors.js';

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
    select: async (options) => {
      const { select } = await prompts();
      return interruptible(() => select(options as Parameters<typeof select>[0], context)) as never;
    },
    input: async (options) => {
      const { input } = await prompts();
      return interruptible(() => input(options, context));
    },
    confirm: async (options) => {
      const { confirm } = await prompts();
      return interruptible(() => confirm(options, context));
    },
  };
}
