// Answers the wizard's questions from a script, in order; an unexpected question, or an answer
// left unused, fails the test (after gh's mock prompter).

import type { Prompter } from '../../src/io/prompter.js';

export type Answer = { kind: 'select' | 'input' | 'confirm'; match: string | RegExp; answer: unknown };

export function scriptedPrompter(script: Answer[]): Prompter & { asked: string[]; assertDone(): void } {
  const queue = [...script];
  const asked: string[] = [];
  const next = (kind: Answer['kind'], message: string, validate?: (value: string) => true | string) => {
    asked.push(message);
    const step = queue.shift();
    if (!step) throw new Error(`Unexpected ${kind} prompt: ${message}`);
    const matches = typeof step.match === 'string' ? message.includes(step.match) : step.match.test(message);
    if (step.kind !== kind || !matches) throw new Error(`Expected ${step.kind} "${String(step.match)}", got ${kind} "${message}"`);
    if (validate) {
      const verdict = validate(String(step.answer));
      if (verdict !== true) throw new Error(`The scripted answer "${String(step.answer)}" was refused: ${verdict}`);
    }
    return step.answer;
  };
  return {
    asked,
    select: async (o) => next('select', o.message) as never,
    input: async (o) => next('input', o.message, o.validate) as string,
    confirm: async (o) => next('confirm', o.message) as boolean,
    assertDone: () => {
      if (queue.length > 0) throw new Error(`Unused answers: ${queue.map((q) => String(q.match)).join(', ')}`);
    },
  };
}
