// Every command close-account has, in the order its help lists them. Adding a command is writing
// its module (see check.ts) and adding one line here; the program (src/main.ts) registers this
// list and nothing else, and the help screens rendered at build time follow it.

import type { CommandEntry } from '../command-kit/command-definition.js';
import { auditGroup } from './audit.js';
import { checkCommand } from './check.js';
import { fixGroup } from './fix-listings.js';
import { planCommand } from './plan.js';
import { portfolioGroup } from './portfolio.js';
import { reportsCommand } from './reports.js';
import { statusCommand } from './status.js';
import { submitCommand } from './submit.js';

/** `close-account` with no command: the wizard, or the checks with --dry-run / --json. */
export { rootCommand } from './root.js';

export const COMMANDS: readonly CommandEntry[] = [
  checkCommand,
  submitCommand,
  planCommand,
  fixGroup,
  reportsCommand,
  statusCommand,
  auditGroup,
  portfolioGroup,
];
