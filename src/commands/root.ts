// `close-account` with no command: the wizard on a terminal; with --dry-run or --json, the
// checks without questions (what `check` does, touching nothing with --dry-run).

import { UsageError } from '../errors.js';
import { REQUEST_FLAGS, resolveSubmitterChoice, SUBMITTER_FLAGS } from '../submit/request-flags.js';
import { flagOn, flagText } from '../config/flag-spec.js';
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
  resolve(raw, globals) {
    if (!flagOn(raw, 'dryRun') && !globals.options.json) {
      // The wizard saves no closure-request file: --out belongs to the checks without questions.
      if (flagText(raw, 'out') !== undefined) throw new UsageError(globals.t('error.out-needs-check'));
      return Object.freeze({ kind: 'wizard', wizard: resolveWizardOptions(raw, globals) });
    }
    // The checks send nothing, but a --submitter or --webhook-url that could not be used is still said to be wrong.
    resolveSubmitterChoice(raw, globals.options, globals.t);
    return Object.freeze({ kind: 'check', check: resolveCheckOptions(raw, globals) });
  },
  async run(options, io) {
    if (options.kind === 'check') return runCheck(options.check, io);
    if (!io.canPrompt) throw new UsageError(io.t('error.no-terminal'), io.t('error.no-terminal-hint'));
    const { runWizard } = await import('./wizard.js');
    return runWizard(options.wizard, await io.prompter(), io);
  },
});
