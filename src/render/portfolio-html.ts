// The portfolio's overview page: for each account a timeline from the day checked to its earliest
// closure date, its steps placed on it by their dates, on one scale for all accounts so that they
// compare at a glance. One self-contained file: no script, no font, no image, nothing fetched
// (a Content-Security-Policy forbids it); every piece of data is escaped.

import { addDays } from '../core/dates.js';
import type { Translate } from '../messages/catalogue.js';
import type { PortfolioPlan } from '../portfolio/plan-accounts.js';
import { escapeHtml as e } from './dossier.js';
import { planHeading } from './portfolio-plan.js';

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const pct = (n: number) => `${Math.max(0, Math.min(100, n)).toFixed(2)}%`;

export function portfolioHtml(plan: PortfolioPlan, t: Translate): string {
  // One scale for every account: from the day checked to the last closure date or the last step
  // (a protected account's steps may run past it), at least a week.
  const ends = [...(plan.lastCloseOn ? [plan.lastCloseOn] : []), ...plan.steps.map((s) => s.step.doneBy)];
  const span = Math.max(7, ...ends.map((end) => daysBetween(plan.asOf, end)));
  const at = (date: string) => (daysBetween(plan.asOf, date) / span) * 100;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => addDays(plan.asOf, Math.round(span * f)));
  const sections = plan.accounts.map(({ result, plan: own, sample }) => {
    const a = result.account;
    // The sample seller is said in its heading and under it, so that it is never read as a real account.
    const head = `<h2>${e(a.name)}${sample ? ` <span class="sample">${e(t('portfolio.sample-mark'))}</span>` : ''}${a.protected ? ` <span class="protected">${e(t('portfolio.protected-mark'))}</span>` : ''}</h2>
<p class="meta">${e(t(`region.${a.region}`))} · ${e(a.sellerId)} · ${e(result.readiness ? t(`verdict.name.${result.readiness.verdict}`) : t('portfolio.verdict.failed'))}</p>${sample ? `\n<p class="sample-note">${e(t('demo.banner'))}</p>` : ''}`;
    if (!own) return `<section class="account failed" data-account="${e(a.name)}">${head}<p class="error">${e(result.error?.message ?? '')}</p></section>`;
    const bars = own.steps
      .map((step, i) => {
        const width = Math.max(0.8, at(step.doneBy) - at(step.startOn));
        // A step of a day at the very end still shows whole, inside the track.
        const left = Math.min(at(step.startOn), 100 - width);
        const label = `${t(`plan.step.${step.id}`)}: ${t('plan.dates', { start: step.startOn, done: step.doneBy })}`;
        return `<div class="bar s${i % 6}" data-step="${e(step.id)}" style="left:${pct(left)};width:${pct(width)};top:${i * 22}px" title="${e(label)}"><span>${e(t(`plan.step.${step.id}`))}</span></div>`;
      })
      .join('\n');
    const closeLabel = a.protected ? t('portfolio.plan.protected', { closeOn: own.closeOn }) : own.complete ? t('portfolio.html.closes', { closeOn: own.closeOn }) : t('portfolio.plan.incomplete', { closeOn: own.closeOn });
    const list = own.steps.map((step) => `<li data-step="${e(step.id)}"><time datetime="${e(step.doneBy)}">${e(t('plan.dates', { start: step.startOn, done: step.doneBy }))}</time> ${e(t(`plan.step.${step.id}`))}<br><small>${e(t(`plan.where.${step.id}`))}</small></li>`).join('\n');
    return `<section class="account${sample ? ' sample' : ''}" data-account="${e(a.name)}" data-close-on="${e(own.closeOn)}">${head}
<div class="track" style="height:${own.steps.length * 22 + 8}px">
${bars}
${a.protected ? '' : `<div class="close" style="left:${pct(at(own.closeOn))}" title="${e(closeLabel)}"></div>`}
</div>
<p class="closes">${e(closeLabel)}</p>
<ol>${list}</ol>
</section>`;
  });
  const axis = ticks.map((d, i) => `<span style="left:${pct(i * 25)}">${e(d)}</span>`).join('');
  return `<!doctype html>
<html lang="${e(t('portfolio.html.lang'))}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t('portfolio.html.title'))}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1d232b}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:0}.meta,.closes{color:#555;margin:.2rem 0}
.axis{position:relative;height:1.4rem;margin:1rem 0 .3rem;border-bottom:1px solid #999;font-size:12px;color:#555}
.axis span{position:absolute;transform:translateX(-50%);white-space:nowrap}.axis span:first-child{transform:none}.axis span:last-child{transform:translateX(-100%)}
.account{border:1px solid #d6dbe1;border-radius:6px;padding:.8rem 1rem;margin:.8rem 0;background:#fbfcfd}
.track{position:relative;margin:.6rem 0;background:repeating-linear-gradient(90deg,#eef1f4 0 1px,transparent 1px 25%)}
.bar{position:absolute;height:18px;border-radius:3px;color:#fff;font-size:11px;overflow:hidden;white-space:nowrap;box-sizing:border-box;padding:0 4px;line-height:18px}
.bar span{position:sticky;left:0}
.s0{background:#2d6cdf}.s1{background:#8a4fd6}.s2{background:#0f8b8d}.s3{background:#c0602b}.s4{background:#4f7d2a}.s5{background:#b03a6a}
.close{position:absolute;top:-4px;bottom:-4px;border-left:3px solid #c62828}
.failed{border-color:#c62828}.error{color:#c62828}.protected{font-size:.8rem;color:#8a4fd6}
.sample{border-style:dashed}h2 .sample{font-size:.8rem;color:#8a5a00;background:#fff3cd;padding:0 .3rem;border-radius:3px}.sample-note{color:#8a5a00;font-weight:600;margin:.2rem 0}
ol{margin:.4rem 0 0;padding-left:1.4rem;font-size:13px}time{font-variant-numeric:tabular-nums}
</style></head>
<body>
<h1>${e(t('portfolio.html.title'))}</h1>
<p>${e(planHeading(plan, t))}</p>
<div class="axis">${axis}</div>
${sections.join('\n')}
</body></html>
`;
}
