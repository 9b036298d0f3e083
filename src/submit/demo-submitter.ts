import type { Translate } from '../messages/catalogue.js';
import type { Submitter } from './submitter.js';

/** A simulated submission for the demo seller: nothing leaves this machine. */
export function demoSubmitter(t: Translate): Submitter {
  return {
    id: 'demo',
    submit: async (request) => ({
      submitter: 'demo',
      reference: `DEMO-${request.id}`,
      nextSteps: t('submit.demo.next-steps'),
    }),
  };
}
