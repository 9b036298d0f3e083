// The real path: the seller pastes the request into Seller Central's Close Account form
// (Settings → Account Info → Close Account) and presses Send. We show the text, offer to open
// the page (never without asking) and record the submission once the seller says it was sent.

import { closureRequestText } from '../core/closure-request.js';
import { closeAccountHelpUrl } from '../core/marketplaces.js';
import type { Translate } from '../messages/catalogue.js';
import type { Submitter } from './submitter.js';

export function sellerCentralSubmitter(t: Translate): Submitter {
  return {
    id: 'seller-central',
    submit: async (request, { prompter, say, openUrl, sentFlag, resuming }) => {
      const url = closeAccountHelpUrl(request.region);
      const receiptFor = () => ({ submitter: 'seller-central' as const, reference: request.id, nextSteps: t('submit.seller-central.next-steps') });
      // An earlier run may have stopped after the seller pressed Send: ask before showing the form
      // again, or following the steps a second time sends a second request.
      if (resuming && !sentFlag) {
        if (!prompter) say(t('submit.seller-central.resume-sent-hint'));
        else if (await prompter.confirm({ message: t('submit.seller-central.resume-pressed-send'), default: false })) return receiptFor();
      }
      say(`${t('submit.seller-central.steps', { url })}\n\n${closureRequestText(request, t)}\n`);
      const receipt = receiptFor();
      if (!prompter) return sentFlag ? receipt : null;
      if (await prompter.confirm({ message: t('submit.seller-central.open-browser'), default: false })) {
        if (!(await openUrl(url))) say(t('submit.seller-central.no-browser', { url }));
      }
      const sent = await prompter.confirm({ message: t('submit.seller-central.pressed-send'), default: false });
      return sent ? receipt : null;
    },
  };
}
