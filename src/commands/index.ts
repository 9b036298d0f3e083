// Every command close-account has, in the order its help lists them. Adding a command is writing
// its module (see check.ts) and adding it here; the program registers this list and nothing else.

import type { CommandEntry } from '../command-kit/command-definition.js';
import { audit } from './audit.js';
import { check } from './check.js';
import { fix } from './fix-listings.js';
import { planCommand } from './plan.js';
import { reports } from './reports.js';
import { status } from './status.js';
import { submit } from './submit.js';

export { rootCommand } from './root.js';

export const COMMANDS: readonly CommandEntry[] = [check, submit, planCommand, fix, reports, status, audit];
