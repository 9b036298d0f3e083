// `close-account` with no command: the wizard on a terminal; with --dry-run or --json, the
// checks without questions (what `check` does, touching nothing with --dry-run).

import { UsageError } from '../errors.js';
import { REQUEST_FLAGS, SUBMITTER_FLAGS } from '../submit/request-flags.js';
import { flagOn } from '../config/flag-spec.js';
import { defineCommand } from '../command-kit/command-definition.js';
import { READINESS_FLAGS } from '../command-kit/readiness-run.js';
import { CHECK_OUTPUT_FLAGS, resolveCheckOptions, runCheck, type CheckOptions } from './check.js';
import { resolveWizardOptions, type WizardOptions } from './wizard.js';

export type RootOptions = { readonly kind: 'check'; readonly check: CheckOptions } | { readonly kind: 'wizard'; readonly wizard: WizardOptions };

export const rootCommand = defineCommand<RootOptions>({
  name: 'close-account',
  description: 'help.description',
  flags: [...READINESS_FLAGS, ...REQUEST_FLAGS, ...SUBMITTER_FLAGS, ...CHECK_OUTPUT_FLAGS],
  helpAfter: ['help.exit-codes', 'help.examples'],
  resolve: (raw, globals) =>
    flagOn(raw, 'dryRun') || globals.options.json
      ? Object.freeze({ kind: 'check', check: resolveCheckOptions(raw, globals) })
      : Object.freeze({ kind: 'wizard', wizard: resolveWizardOptions(raw, globals) }),
  async run(options, io) {
    if (options.kind === 'check') return runCheck(options.check, io);
    if (!io.canPrompt) throw new UsageError(io.t('error.no-terminal'), io.t('error.no-terminal-hint'));
    const { runWizard } = await import('./wizard.js');
    return runWizard(options.wizard, await io.prompter(), io);
  },
});
