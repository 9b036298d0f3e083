// The seller's answers for the closure request as flags (the wizard asks for them instead), and
// how the request leaves: declared once, for the commands that assemble or send a request.

import { flagText, type FlagSpec, type RawFlags } from '../config/flag-spec.js';
import type { GlobalOptions } from '../config/global-options.js';
import type { ClosureRequestInput } from '../core/closure-request.js';
import { UsageError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';
import { SUBMITTER_IDS, type SubmitterId } from './submitter.js';

/** The request's fields the seller answers; region and marketplaces come from the data. */
export const REQUEST_FLAGS: readonly FlagSpec[] = [
  { flags: '--seller-id <token>', help: 'help.seller-id' },
  { flags: '--reason <reason>', help: 'help.reason' },
  { flags: '--reason-text <text>', help: 'help.reason-text' },
  { flags: '--email <address>', help: 'help.email' },
  { flags: '--phone <number>', help: 'help.phone' },
];

export const SUBMITTER_FLAGS: readonly FlagSpec[] = [
  { flags: '--submitter <name>', help: 'help.submitter' },
  { flags: '--webhook-url <url>', help: 'help.webhook-url' },
];

export type RequestAnswers = Readonly<Partial<Pick<ClosureRequestInput, 'sellerId' | 'reason' | 'reasonText' | 'email' | 'phone'>>>;

/** The answers given as flags or in the config file (flags win). */
export function resolveRequestAnswers(raw: RawFlags, globals: GlobalOptions): RequestAnswers {
  const answers: Partial<ClosureRequestInput> = {};
  for (const key of ['sellerId', 'reason', 'reasonText', 'email', 'phone'] as const) {
    const value = flagText(raw, key) ?? globals.config[key];
    if (value !== undefined) answers[key] = String(value);
  }
  return Object.freeze(answers);
}

export interface SubmitterChoice {
  /** How the request leaves; null for the default (demo for the demo seller, else Seller Central). */
  readonly submitter: SubmitterId | null;
  readonly webhookUrl: string | null;
}

export function resolveSubmitterChoice(raw: RawFlags, globals: GlobalOptions, t: Translate): SubmitterChoice {
  const submitter = flagText(raw, 'submitter') ?? globals.config.submitter ?? null;
  if (submitter !== null && !(SUBMITTER_IDS as readonly string[]).includes(submitter)) {
    throw new UsageError(t('error.bad-submitter', { value: submitter, submitters: SUBMITTER_IDS.join(', ') }));
  }
  const webhookUrl = flagText(raw, 'webhookUrl') ?? globals.config.webhookUrl ?? null;
  if (webhookUrl !== null && !/^https?:\/\/[^\s]+$/.test(webhookUrl)) throw new UsageError(t('error.bad-webhook-url', { value: webhookUrl }));
  return Object.freeze({ submitter: submitter as SubmitterId | null, webhookUrl });
}
