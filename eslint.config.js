// Lint, including the layering rules of docs/architecture.md (VS Code's code-layering idea):
// each folder may import only what its row of the import table allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'worker_threads', 'url', 'stream', 'events', 'util'];
const noElectron = { group: ['electron', 'electron/*'], message: 'Only main/electron/ may import electron.' };
const noNode = { group: nodeBuiltins, message: 'This layer runs without Node.' };
const up = (folders) => folders.map((f) => ({ group: [`**/${f}/**`, `**/${f}`], message: `This layer may not import from ${f}/.` }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'models/**', 'build/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', __dirname: 'readonly' } },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noNode, ...up(['hub', 'main', 'preload', 'renderer', 'training'])] }] },
  },
  {
    files: ['hub/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, ...up(['main', 'preload', 'renderer'])] }] },
  },
  {
    files: ['main/services/**/*.ts'],
    ignores: ['main/services/demo/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, ...up(['hub', 'preload', 'renderer'])] }] },
  },
  {
    // The embedded demo hub is the one place the desktop side starts hub code in-process.
    files: ['main/services/demo/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, ...up(['preload', 'renderer'])] }] },
  },
  {
    files: ['main/web/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, ...up(['preload', 'renderer'])] }] },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: up(['hub', 'renderer', 'web']) }] },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noNode, ...up(['hub', 'main', 'renderer'])] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', { patterns: [noElectron, noNode, ...up(['hub', 'main', 'preload', 'training'])] }],
    },
  },
);
