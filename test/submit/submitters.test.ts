import { describe, expect, it } from 'vitest';
import { assembleClosureRequest } from '../../src/core/closure-request.js';
import { demoSubmitter } from '../../src/submit/demo-submitter.js';
import { sellerCentralSubmitter } from '../../src/submit/seller-central-submitter.js';
import type { SubmitInteraction } from '../../src/submit/submitter.js';
import { scriptedPrompter } from '../helpers/scripted-prompter.js';
import { t } from '../helpers/records.js';

const assembled = await assembleClosureRequest(
  { sellerId: 'A1B2C3D4E5F6G7', region: 'europe', marketplaces: ['UK', 'DE'], reason: 'stopped-selling', email: 'o@example.com' },
  { asOf: '2026-11-26', verdict: 'ready' },
  t,
);
if (!assembled.ok) throw new Error('invalid');
const request = assembled.request;

function interaction(overrides: Partial<SubmitInteraction> = {}) {
  const said: string[] = [];
  const opened: string[] = [];
  return {
    said,
    opened,
    interaction: {
      prompter: null,
      say: (text: string) => said.push(text),
      openUrl: async (url: string) => (opened.push(url), true),
      sentFlag: false,
      ...overrides,
    } satisfies SubmitInteraction,
  };
}

describe('seller-central submitter', () => {
  it('shows the text to paste and the route, opens the browser only when asked, records once Send was pressed', async () => {
    const prompter = scriptedPrompter([
      { kind: 'confirm', match: 'Open Seller Central', answer: true },
      { kind: 'confirm', match: 'Did you press Send', answer: true },
    ]);
    const { said, opened, interaction: i } = interaction({ prompter });
    const receipt = await sellerCentralSubmitter(t).submit(request, i);
    expect(receipt).toMatchObject({ submitter: 'seller-central', reference: request.id });
    expect(said.join('\n')).toContain('Settings → Account Info → Close Account');
    expect(said.join('\n')).toContain('Seller ID (merchant token): A1B2C3D4E5F6G7');
    expect(opened).toEqual(['https://sellercentral-europe.amazon.com/gp/help/external/G200399470']);
    prompter.assertDone();
  });

  it('never opens the browser without a yes, and records nothing until Send', async () => {
    const prompter = scriptedPrompter([
      { kind: 'confirm', match: 'Open Seller Central', answer: false },
      { kind: 'confirm', match: 'Did you press Send', answer: false },
    ]);
    const { opened, interaction: i } = interaction({ prompter });
    expect(await sellerCentralSubmitter(t).submit(request, i)).toBeNull();
    expect(opened).toEqual([]);
  });

  it('resuming a submission an earlier run started: asks first whether Send was already pressed, and a yes records it without the form again', async () => {
    const prompter = scriptedPrompter([{ kind: 'confirm', match: 'had you already pressed Send', answer: true }]);
    const { said, interaction: i } = interaction({ prompter, resuming: true });
    expect(await sellerCentralSubmitter(t).submit(request, i)).toMatchObject({ submitter: 'seller-central', reference: request.id });
    // The form is not shown again: following its steps a second time would send a second request.
    expect(said.join('\n')).not.toContain('Settings → Account Info → Close Account');
    prompter.assertDone();
  });

  it('resuming, a no shows the form as before', async () => {
    const prompter = scriptedPrompter([
      { kind: 'confirm', match: 'had you already pressed Send', answer: false },
      { kind: 'confirm', match: 'Open Seller Central', answer: false },
      { kind: 'confirm', match: 'Did you press Send', answer: true },
    ]);
    const { said, interaction: i } = interaction({ prompter, resuming: true });
    expect(await sellerCentralSubmitter(t).submit(request, i)).toMatchObject({ reference: request.id });
    expect(said.join('\n')).toContain('Settings → Account Info → Close Account');
    prompter.assertDone();
  });

  it('resuming outside a terminal: warns not to send again and says how to record it', async () => {
    const { said, interaction: i } = interaction({ resuming: true });
    expect(await sellerCentralSubmitter(t).submit(request, i)).toBeNull();
    expect(said[0]).toContain('do not send it again');
    expect(said[0]).toContain('--sent');
  });

  it('outside a terminal needs --sent, and never asks', async () => {
    expect(await sellerCentralSubmitter(t).submit(request, interaction().interaction)).toBeNull();
    expect(await sellerCentralSubmitter(t).submit(request, interaction({ sentFlag: true }).interaction)).toMatchObject({ reference: request.id });
  });
});

describe('demo submitter', () => {
  it('simulates, and says nothing reached Amazon', async () => {
    const receipt = await demoSubmitter(t).submit(request, interaction().interaction);
    expect(receipt).toMatchObject({ submitter: 'demo', reference: `DEMO-${request.id}` });
    expect(receipt!.nextSteps).toContain('nothing reached Amazon');
  });
});
