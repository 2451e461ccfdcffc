// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'worker_threads',
  'stream',
  'util',
  'events',
  'process',
  'url',
  'zlib',
  'dns',
  'tls',
  'cluster',
  'timers',
];

export default tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', '.data/**', 'dist/**', 'artifacts/**', 'bin/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // SPEC §7: all SQL goes through Kysely with bound parameters; these two splice text in.
      'no-restricted-properties': [
        'error',
        { object: 'sql', property: 'raw', message: 'Bind values as parameters (sql`…${v}`).' },
        { object: 'sql', property: 'lit', message: 'Bind values as parameters (sql`…${v}`).' },
      ],
    },
  },
  {
    files: ['*.mjs', '*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Workflow code is replayed by Temporal: no I/O, no Node built-ins, no DB, no core runtime.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins
              .flatMap((m) => [m, `node:${m}`])
              .map((name) => ({
                name,
                message: 'Workflows must stay deterministic: no Node built-ins.',
              })),
            { name: 'kysely', message: 'No database access in workflows.' },
            { name: 'pg', message: 'No database access in workflows.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'Workflows must stay deterministic: no Node built-ins.' },
            {
              group: ['**/db/**', '**/db', '**/worker/**', '**/cli/**'],
              message: 'Workflows orchestrate; they do not import adapters.',
            },
            {
              group: ['**/activities/**', '**/activities'],
              allowTypeImports: true,
              message: 'Workflows may import activity types only (import type).',
            },
            {
              // core/calendar is the one exception: date arithmetic on explicit values only.
              group: ['**/core/**', '!**/core/calendar'],
              allowTypeImports: true,
              message: 'Workflows may import core types only (import type).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'Date',
          message:
            'Use workflow time (Date is replay-safe only via the sandbox); prefer workflowInfo().',
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'No Math.random() in workflows.' },
        { object: 'sql', property: 'raw', message: 'No SQL in workflows.' },
      ],
    },
  },
);
