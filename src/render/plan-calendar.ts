// The plan's dates as an iCalendar file (RFC 5545): an all-day event for each re-check and for
// the closure date, so the seller's calendar says when to look again.

import type { ClosurePlan } from '../core/closure-plan.js';
import type { Translate } from '../messages/catalogue.js';
import { markedAccountName } from './portfolio-plan.js';

const escape = (text: string) => text.replace(/\r/g, '').replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
const day = (iso: string) => iso.replace(/-/g, '');

/** Lines longer than 75 octets are folded with CRLF and a space (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch, 'utf8') > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** One all-day event's lines. */
const eventLines = (stamp: string) => (uid: string, date: string, summary: string, description: string) => [
  'BEGIN:VEVENT',
  `UID:${uid}@close-account`,
  `DTSTAMP:${stamp}`,
  `DTSTART;VALUE=DATE:${day(date)}`,
  `SUMMARY:${escape(summary)}`,
  `DESCRIPTION:${escape(description)}`,
  'END:VEVENT',
];
const stampOf = (now: Date) => now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

export function planCalendar(plan: ClosurePlan, t: Translate, now: Date, sample = false): string {
  // The demo seller's dates, once in a calendar, must not read as a real account's to-do: marked as in portfolio plan.
  const mark = (summary: string) => (sample ? `${t('portfolio.sample-mark')} ${summary}` : summary);
  const note = (text: string) => (sample ? `${t('demo.banner')}\n${text}` : text);
  const event = eventLines(stampOf(now));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//close-account//closure plan//EN', 'CALSCALE:GREGORIAN'];
  for (const step of plan.steps) {
    if (step.id === 'submit') continue;
    lines.push(...event(`${step.id}-${step.recheckOn}`, step.recheckOn, mark(t('plan.ics.recheck', { title: t(`plan.step.${step.id}`) })), note(`${t(`plan.where.${step.id}`)}\n${t(`plan.why.${step.id}`)}`)));
  }
  lines.push(...event(`close-${plan.closeOn}`, plan.closeOn, mark(t('plan.ics.close')), note(t('plan.where.submit'))));
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/**
 * Several accounts' plans in one calendar (portfolio plan --ics): each event says whose it is, and
 * its UID carries the account's seller and region so that the same step of two accounts never merge.
 * The sample seller's events say they are sample data; a protected account gets no closure event
 * (close-account never submits for it), and its events say it is protected.
 */
export function portfolioCalendar(plans: readonly { account: string; key: string; plan: ClosurePlan; sample: boolean; protected: boolean }[], t: Translate, now: Date): string {
  const event = eventLines(stampOf(now));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//close-account//portfolio plan//EN', 'CALSCALE:GREGORIAN'];
  for (const { account, key, plan, sample, protected: isProtected } of plans) {
    const who = markedAccountName({ name: account, protected: isProtected }, sample, t);
    const note = (text: string) => [...(sample ? [t('demo.banner')] : []), ...(isProtected ? [t('portfolio.plan.protected', { closeOn: plan.closeOn })] : []), text].join('\n');
    for (const step of plan.steps) {
      if (step.id === 'submit') continue;
      lines.push(...event(`${key}-${step.id}-${step.recheckOn}`, step.recheckOn, `${who}: ${t('plan.ics.recheck', { title: t(`plan.step.${step.id}`) })}`, note(`${t(`plan.where.${step.id}`)}\n${t(`plan.why.${step.id}`)}`)));
    }
    if (!isProtected) lines.push(...event(`${key}-close-${plan.closeOn}`, plan.closeOn, `${who}: ${t('plan.ics.close')}`, note(t('plan.where.submit'))));
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
