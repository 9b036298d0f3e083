// A catalogue message kept as data, translated where it is shown: the type lives with the
// catalogue (messages/catalogue.ts), which types each key's parameters.
export type { MessageRef } from '../messages/catalogue.js';
