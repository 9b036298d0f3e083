// The layering `npm run lint` enforces (dependency-cruiser). Floors, lowest first:
//   messages → core → services (errors, failpoints, security, io, http, config, audit, adapters,
//   submit, portfolio) → render → commands (command-kit: what commands are built from; commands: the commands
//   themselves) → the program (main, program, cli, program-loader, command-typos).
// A module imports only from its own floor or a lower one, and nothing imports in a cycle.

const SERVICES = '^src/(errors\\.ts|failpoints\\.ts|security|io|http|config|audit|adapters|submit|portfolio)(/|$)';
const COMMANDS = '^src/(commands|command-kit)/';
const PROGRAM = '^src/(main\\.ts|program\\.ts|cli\\.cts|program-loader\\.cts|command-typos\\.ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the modules cannot be understood, loaded or tested one at a time.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'messages-import-only-messages',
      severity: 'error',
      comment: 'The catalogues are the lowest floor: they know no checks, no audit log, no commands.',
      from: { path: '^src/messages/' },
      to: { path: '^src/', pathNot: '^src/messages/' },
    },
    {
      name: 'core-imports-only-core-and-messages',
      severity: 'error',
      comment: 'The core is pure: checks and request assembly take data and return results.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/(core|messages)/' },
    },
    {
      name: 'services-import-no-higher-floor',
      severity: 'error',
      comment: 'Adapters, the audit log, I/O and submitters serve render and the commands; they never import them.',
      from: { path: SERVICES },
      to: { path: `^src/render/|${COMMANDS}|${PROGRAM}` },
    },
    {
      name: 'render-imports-no-commands',
      severity: 'error',
      comment: 'Render formats a result; it does not run commands.',
      from: { path: '^src/render/' },
      to: { path: `${COMMANDS}|${PROGRAM}` },
    },
    {
      name: 'command-kit-imports-no-commands',
      severity: 'error',
      comment: 'The command kit is what commands are built from; it knows no command.',
      from: { path: '^src/command-kit/' },
      to: { path: '^src/commands/' },
    },
    {
      name: 'render-formats-it-does-not-query',
      severity: 'error',
      comment:
        'Render formats a value the services built; it reads no audit log, report or API itself. It may name their types, and the lists of values (enums) it has words and schemas for.',
      from: { path: '^src/render/' },
      to: {
        path: '^src/(audit|adapters|submit|http|config)/',
        pathNot: '^src/(audit/request-states\\.ts|adapters/reports/report-kinds\\.ts|submit/submitter\\.ts)$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'commands-import-no-program',
      severity: 'error',
      comment: 'The program registers the commands; a command does not reach back into it.',
      from: { path: COMMANDS },
      to: { path: PROGRAM },
    },
    {
      name: 'src-imports-no-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/adapters/sp-api/models/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.cts', '.js', '.cjs', '.mjs', '.json'] },
  },
};
