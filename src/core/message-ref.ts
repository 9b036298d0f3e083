import type { MessageKey } from '../messages/catalogue.js';

/** A catalogue message named by key, with its parameters, translated where it is shown. */
export interface MessageRef {
  key: MessageKey;
  params?: Record<string, string | number>;
}
