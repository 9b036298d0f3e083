// Every message exists in every language (the build fails on a missing key; this checks the
// running code too), each yields real text whatever its parameters, and the language is chosen
// from --lang or the locale.

import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadMessages } from '../../src/messages/catalogue.js';
import { en } from '../../src/messages/en.js';
import { chooseLanguage, langFlag, languageOf } from '../../src/messages/language.cjs';
import { STALE_AFTER_DAYS } from '../../src/adapters/reports/stale-after.js';

/** Parameters named by what they are, to see where each lands in a message. */
const namedParams = new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? `‹${name}›` : undefined) }) as Record<string, string>;
/** A number for every parameter: every message must read as text with it. */
const numericParams = new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? '7' : undefined) }) as Record<string, string>;

describe('message catalogues', () => {
  it.each(LANGUAGES)('%s has every key, and every message reads as text', async (language) => {
    const messages = await loadMessages(language);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, message] of Object.entries(messages)) {
      const text = (message as (p: Record<string, string>) => string)(numericParams);
      expect(text.trim(), key).not.toBe('');
      expect(text, key).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
  });

  it.each(LANGUAGES)('%s states the default --max-report-age the reports adapter uses', async (language) => {
    const messages = await loadMessages(language);
    expect(messages['help.max-report-age']().match(/\d+/g)).toEqual([String(STALE_AFTER_DAYS)]);
  });

  it.each(['zh-CN', 'ja'] as const)('%s uses every parameter English uses, so no fact is lost in translation', async (language) => {
    const messages = await loadMessages(language);
    for (const [key, message] of Object.entries(en)) {
      const names = [...(message as (p: Record<string, string>) => string)(namedParams).matchAll(/‹(\w+)›/g)].map((m) => m[1]);
      const translated = (messages[key as keyof typeof en] as (p: Record<string, string>) => string)(namedParams);
      for (const name of names) {
        // Numbers and dates are reformatted for the language; anything else must appear as given.
        if (/count|seen|units|skus|active|total|remove|skipped|done|records|date|since|clearsOn|asOf|closeOn|start/.test(name!)) continue;
        expect(translated, `${language} ${key} lacks ${name}`).toContain(`‹${name}›`);
      }
    }
  });

  it('picks the language from --lang, then LC_ALL, LC_MESSAGES and LANG, else English', () => {
    expect(chooseLanguage('ja', { LANG: 'zh_CN.UTF-8' }).language).toBe('ja');
    expect(chooseLanguage(undefined, { LC_ALL: 'zh_CN.UTF-8', LANG: 'ja_JP.UTF-8' }).language).toBe('zh-CN');
    expect(chooseLanguage(undefined, { LC_MESSAGES: 'ja_JP.eucJP', LANG: 'en_US.UTF-8' }).language).toBe('ja');
    expect(chooseLanguage(undefined, { LANG: 'ja_JP.UTF-8' }).language).toBe('ja');
    expect(chooseLanguage(undefined, { LANG: 'C.UTF-8' }).language).toBe('en');
    expect(chooseLanguage(undefined, { LANG: 'zh_TW.UTF-8' }).language).toBe('en');
    expect(chooseLanguage(undefined, {}).language).toBe('en');
    expect(chooseLanguage('fr', {}).unknownFlag).toBe('fr');
    expect(languageOf('zh-Hans')).toBe('zh-CN');
    expect(langFlag(['check', '--lang=ja'])).toBe('ja');
    expect(langFlag(['--lang', 'zh-CN', 'check'])).toBe('zh-CN');
  });
});
