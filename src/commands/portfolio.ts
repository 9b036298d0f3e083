// `portfolio`: many accounts and regions in one run. Thin: the accounts file, the checks across
// accounts, the plan and the notifications are services in src/portfolio/.

import { resolve } from 'node:path';
import { EXIT } from '../errors.js';
import { defaultAccountsPath } from '../portfolio/accounts-file.js';
import type { CommandContext } from './command-context.js';
import { expandHome } from './expand-home.js';

export interface PortfolioFlags {
  accounts?: string;
}

/** The accounts file: --accounts, else CLOSE_ACCOUNT_ACCOUNTS, else the user's config folder. */
export function accountsPath(ctx: CommandContext, flags: PortfolioFlags): string {
  return flags.accounts ? resolve(expandHome(flags.accounts, ctx.term.env.HOME)) : defaultAccountsPath(ctx.term.env, ctx.term.env.HOME);
}

export async function runPortfolioInit(ctx: CommandContext, flags: PortfolioFlags & { force?: boolean }): Promise<number> {
  const path = accountsPath(ctx, flags);
  const { writeAccountsExample } = await import('../portfolio/init.js');
  await writeAccountsExample(path, Boolean(flags.force), ctx.t);
  ctx.say(ctx.t('portfolio.init.written', { path }));
  return EXIT.ok;
}
