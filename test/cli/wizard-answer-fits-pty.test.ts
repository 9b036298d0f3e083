// Outside testing (round y-3): a question's answered line is the question and the chosen answer on
// one line; "Report files downloaded from Seller Central" after "Where should the seller data come
// from?" ran past 80 columns and the prompt library cut "Seller Central" in two. Every answer a select can
// give must fit beside its question; then Ctrl-C at the next question ends cleanly (exit 130).

import { describe, expect, it } from 'vitest';
import { loadMessages, translator, type Language } from '../../src/messages/catalogue.js';
import { displayWidth } from '../../src/io/text-layout.js';
import { sandbox } from '../helpers/cli-process.js';
import { emulateScreen, KEY, PTY_TEST_TIMEOUT, PtySession } from '../helpers/pty.js';

const WIDTH = 80;
const start = (text: string) => text.slice(0, 12);

describe.each<Language>(['en', 'ja'])('the answered data-source line at 80 columns, --lang %s', { timeout: PTY_TEST_TIMEOUT }, (lang) => {
  it('choosing report files: the answer fits beside the question, nothing past the edge', async () => {
    const t = translator(await loadMessages(lang));
    const { env } = sandbox();
    const session = new PtySession(['--lang', lang], { ...env, TERM: 'xterm-256color' }, WIDTH);
    let at = await session.waitFor(start(t('wizard.continue')));
    await session.type(KEY.enter);
    at = await session.waitFor(start(t('wizard.source')), at);
    await session.type(KEY.down);
    await session.type(KEY.enter); // report files
    await session.waitFor(start(t('wizard.reports-dir')), at);
    await session.type(KEY.ctrlC);
    expect(await session.exitCode()).toBe(130);
    const { rows, overflows } = emulateScreen(session.raw(), WIDTH, displayWidth);
    expect(overflows).toEqual([]);
    // The prompts break a line too long at the edge themselves, mid-word: the answer must be whole on one row.
    const answer = t('wizard.source.reports').replace(/\s*[\uff08(][^()\uff08\uff09]*[)\uff09]$/, '');
    expect(rows.filter((row) => row.includes(answer)), rows.join('\n')).toHaveLength(1);
  });
});
