import { en, type Messages } from './en.js';

export type MessageKey = keyof Messages;
/** Messages that take no parameters. */
export type PlainMessageKey = { [K in MessageKey]: Parameters<Messages[K]> extends [] ? K : never }[MessageKey];
type ParamsOf<K extends MessageKey> = Parameters<Messages[K]> extends [] ? [] : [params: Parameters<Messages[K]>[0]];

/** Looks a message up and fills it in. */
export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => string;

export function translator(messages: Messages = en): Translate {
  return ((key: MessageKey, params?: Record<string, string | number>) =>
    (messages[key] as (p?: Record<string, string | number>) => string)(params)) as Translate;
}
