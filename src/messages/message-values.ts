// How a value given to a message is written, shared by the catalogues that write it alike.
import { groupThousands } from './digit-grouping.js';

type Value = string | number | undefined;

/** A count, grouped by thousands as English, Chinese and Japanese all write it: 20,000. */
export const num = (value: Value) => groupThousands(Number(value));

/** An ISO day (2027-02-18) as Chinese and Japanese write it (2027年2月18日); anything else as given. */
export const kanjiDate = (value: Value) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : String(value);
};
