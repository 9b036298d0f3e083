import { en, type Messages } from './en.js';
import type { MessageParams } from './message-params.js';

export type MessageKey = keyof Messages;
/** Messages that take no parameters. */
export type PlainMessageKey = { [K in MessageKey]: Parameters<Messages[K]> extends [] ? K : never }[MessageKey];
/**
 * What a message takes: exactly the placeholders its English text reads (message-params.ts,
 * generated from en.ts), so a misspelt, missing or extra parameter does not compile.
 */
export type ParamsOf<K extends MessageKey> = K extends keyof MessageParams ? [params: MessageParams[K]] : [];

/** Looks a message up and fills it in. */
export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => string;

/**
 * A catalogue message named by key with its parameters, kept as data and translated where it is
 * shown (a reason a check cannot tell, a report that is missing). Typed like t(): a key's own
 * parameters, exactly.
 */
export type MessageRef = { [K in MessageKey]: K extends keyof MessageParams ? { key: K; params: MessageParams[K] } : { key: K; params?: undefined } }[MessageKey];

/** Translates a MessageRef. */
export function translateRef(t: Translate, ref: MessageRef): string {
  return (t as (key: MessageKey, params?: unknown) => string)(ref.key, ref.params);
}

export { LANGUAGES, type Language } from './language.cjs';
import type { Language } from './language.cjs';

export function translator(messages: Messages = en): Translate {
  return ((key: MessageKey, params?: Record<string, string | number>) =>
    (messages[key] as (p?: Record<string, string | number>) => string)(params)) as Translate;
}

/** The chosen language's messages, loaded only when chosen (each catalogue is large). */
export async function loadMessages(language: Language): Promise<Messages> {
  switch (language) {
    case 'en':
      return en;
    case 'zh-CN':
      return (await import('./zh-CN.js')).zhCN;
    case 'ja':
      return (await import('./ja.js')).ja;
  }
}
