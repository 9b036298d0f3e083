// Exit codes are part of the interface (README, --help); every error a user can cause carries one.

export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  notReady: 3,
  dataSource: 4,
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Kinds of error a --json error document names beyond its exit code's (errorJsonSchema lists them all). */
export type ErrorCode = 'audit-missing' | 'audit-lost' | 'audit-damaged' | 'archive-busy';

/** An error meant for the user: what went wrong, and how to fix it. Printed without a stack. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly hint: string | null = null,
    /** The error's kind in a --json error document, when it is more precise than its exit code's (`audit-lost`). */
    readonly errorCode: ErrorCode | null = null,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string, hint: string | null = null) {
    super(EXIT.usage, message, hint);
  }
}

/**
 * The reports folder cannot be used: none was given, or it cannot be read. Its hint names
 * --reports-dir; a caller whose folder came from elsewhere (the accounts file) tells by `problem`,
 * never by the hint's words, and says where to fix it.
 */
export class ReportsFolderError extends UsageError {
  constructor(
    readonly problem: 'needed' | 'unreadable',
    message: string,
    hint: string,
  ) {
    super(message, hint);
    this.name = 'ReportsFolderError';
  }
}

export class DataSourceError extends CliError {
  constructor(message: string, hint: string | null = null) {
    super(EXIT.dataSource, message, hint);
  }
}

/** Ctrl-C: the run is recorded as interrupted and the process exits 130. */
export class InterruptedError extends CliError {
  constructor(message = 'Interrupted.') {
    super(EXIT.interrupted, message);
  }
}
