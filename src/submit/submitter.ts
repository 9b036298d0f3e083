// How a closure request leaves: Amazon has no API that closes an account, so the real path is
// Seller Central's form; an agency may route it through its own ticketing (webhook); the demo
// path simulates it for the demo seller.

import type { ClosureRequest } from '../core/closure-request.js';
import type { Prompter } from '../io/prompter.js';

export const SUBMITTER_IDS = ['demo', 'seller-central', 'webhook'] as const;
export type SubmitterId = (typeof SUBMITTER_IDS)[number];

export interface Receipt {
  submitter: SubmitterId;
  /** What identifies the submission: Amazon sends no number, so the request id stands for it. */
  reference: string;
  nextSteps: string;
}

/** What a submitter may use to reach the seller. */
export interface SubmitInteraction {
  /** Null outside a terminal: nothing may be asked. */
  prompter: Prompter | null;
  /** Writes to the seller (stderr): instructions, the text to paste. */
  say(text: string): void;
  openUrl(url: string): Promise<boolean>;
  /** `--sent`: the seller says they already pressed Send in Seller Central. */
  sentFlag: boolean;
  /** A submission of this request was started by an earlier run that stopped: it may already be sent. */
  resuming?: boolean;
}

export interface Submitter {
  readonly id: SubmitterId;
  /** Returns the receipt, or null when the seller did not (yet) send the request. */
  submit(request: ClosureRequest, interaction: SubmitInteraction): Promise<Receipt | null>;
}
