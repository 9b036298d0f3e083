import type { IsoDate } from './dates.js';
import type { Translate } from '../messages/catalogue.js';

/** What every check needs besides its data: the day it evaluates as of, and the words to use. */
export interface CheckContext {
  asOf: IsoDate;
  t: Translate;
}
