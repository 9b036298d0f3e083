// Done-when of issue 14: the wizard in a real pseudo-terminal 80 columns wide, in each language,
// from the first screen to the receipt. No line runs past the width, nothing is left in English
// in Chinese or Japanese, and a seller ID other than the data's is refused at the question.

import { describe, expect, it } from 'vitest';
import { loadMessages, translator, type Language } from '../../src/messages/catalogue.js';
import { displayWidth, visibleWidth } from '../../src/io/text-layout.js';
import { readAudit } from '../helpers/audit.js';
import { sandbox } from '../helpers/cli-process.js';
import { englishWords } from '../helpers/english-words.js';
import { emulateScreen, KEY, PTY_TEST_TIMEOUT, PtySession } from '../helpers/pty.js';

const WIDTH = 80;
/** The start of a message: enough to find it, short enough never to be wrapped. */
const start = (text: string) => text.slice(0, 12);

describe.each<Language>(['en', 'zh-CN', 'ja'])('the wizard at 80 columns, --lang %s', { timeout: PTY_TEST_TIMEOUT }, (lang) => {
  it('from the intro to the receipt, refusing another seller ID on the way', async () => {
    const t = translator(await loadMessages(lang));
    const { env, db } = sandbox();
    const session = new PtySession(['--lang', lang], { ...env, TERM: 'xterm-256color' }, WIDTH);
    let at = await session.waitFor(start(t('wizard.continue')));
    await session.type(KEY.enter);
    at = await session.waitFor(start(t('wizard.source')), at);
    await session.type(KEY.enter); // demo
    at = await session.waitFor(start(t('wizard.scenario')), at);
    await session.type(KEY.down);
    await session.type(KEY.down);
    await session.type(KEY.enter); // ready
    for (const id of ['data-export', 'bank-account', 'selling-plan'] as const) {
      // The prompt itself ("? " and the question), not the check table above it, which holds the
      // same words: keys typed while the checks are still drawn reach no prompt, or the wrong one.
      at = await session.waitFor(`? ${start(t(`confirm.${id}.question`))}`, at);
      await session.type('y');
      await session.type(KEY.enter);
    }
    at = await session.waitFor(start(t('verdict.ready')), at);

    at = await session.waitFor(start(t('wizard.ask.seller-id')), at);
    await session.type('A1B2C3D4E5F6G7');
    await session.type(KEY.enter);
    at = await session.waitFor('A1B2C3D4E5F6G7 ', at); // refused: the message names it and the data's seller
    await session.waitFor(start(t('wizard.seller-id-other', { given: 'A1B2C3D4E5F6G7', known: 'A2DEMO5ELLER7Q' })), at);
    await session.type(KEY.backspace.repeat(14));
    await session.type(KEY.enter); // the data's own seller ID, offered as the default
    at = await session.waitFor(start(t('wizard.ask.reason')), at);
    await session.type(KEY.enter);
    at = await session.waitFor(start(t('wizard.reason-text')), at);
    await session.type(KEY.enter);
    at = await session.waitFor(start(t('wizard.ask.email')), at);
    await session.type('owner@example.com');
    await session.type(KEY.enter);
    at = await session.waitFor(start(t('wizard.phone')), at);
    await session.type(KEY.enter);
    at = await session.waitFor(start(t('wizard.type-seller-id', { sellerId: 'A2DEMO5ELLER7Q' })), at);
    await session.type('A2DEMO5ELLER7Q');
    await session.type(KEY.enter);
    await session.waitFor(start(t('receipt.submitted')), at);
    expect(await session.exitCode()).toBe(0);

    const { rows: lines, overflows } = emulateScreen(session.raw(), WIDTH, displayWidth);
    expect(overflows).toEqual([]);
    // The emulated screen is the real one: it holds the receipt, and lines that use the width.
    expect(lines.some((line) => line.includes(start(t('receipt.submitted'))))).toBe(true);
    expect(Math.max(...lines.map(visibleWidth))).toBeGreaterThan(WIDTH - 12);
    if (process.env.SHOW_SCREEN) console.log(lines.join('\n'));
    expect(lines.filter((line) => visibleWidth(line) > WIDTH)).toEqual([]);
    if (lang !== 'en') {
      const english = lines.filter((line) => englishWords(line).length > 0).map((line) => `${line}  ← ${englishWords(line).join(' ')}`);
      expect(english).toEqual([]);
    }
    const audit = readAudit(db);
    expect(audit.submissions).toBe(1);
    expect(audit.requests.map((h) => h.request.sellerId)).toEqual(['A2DEMO5ELLER7Q']);
    expect(audit.types.filter((type) => type === 'check-result')).toHaveLength(14);
    expect(audit.confirmations.map((c) => c.how)).toEqual(['prompt', 'prompt', 'prompt']);
    expect(audit.requests[0]!.request).toMatchObject({ reason: 'stopped-selling', email: 'owner@example.com', marketplaces: ['CA', 'MX', 'US'] });
    expect(audit.runs.find((r) => r.command === 'wizard')).toMatchObject({ outcome: 'completed', exit_code: 0, verdict: 'ready' });
    expect(audit.intact).toBe(true);
  });
});
