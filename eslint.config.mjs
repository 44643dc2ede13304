// Lint rules, including the layer rules that keep src/ free of Electron and React,
// keep the renderer on the API contract, and keep better-sqlite3 inside src/store.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronAndReact = [
  { name: 'electron', message: 'src/ is the core: it must not import Electron (put shell code in main/).' },
  { name: 'react', message: 'src/ is the core: it must not import React (put UI code in renderer/).' },
  { name: 'react-dom', message: 'src/ is the core: it must not import React (put UI code in renderer/).' },
];
const sqliteOnlyInStore = { name: 'better-sqlite3', message: 'Only src/store may import better-sqlite3.' };

export default tseslint.config(
  { ignores: ['node_modules/', '.vite/', 'out/', 'dist/', 'test-results/', 'playwright-report/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...electronAndReact, sqliteOnlyInStore], patterns: [{ group: ['electron/*', 'react/*', 'react-dom/*'], message: 'src/ must not import Electron or React.' }] },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: electronAndReact }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the API contract only; Electron lives in main/.' },
            sqliteOnlyInStore,
          ],
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!api/contract$|model/)',
              message: 'The renderer may import only src/api/contract and src/model/* from the core.',
            },
            { group: ['node:*'], message: 'The renderer runs in a browser sandbox; it cannot import Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [sqliteOnlyInStore], patterns: [{ group: ['**/renderer/**'], message: 'main/ must not import the renderer.' }] }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Tests run without the Electron binary; use playwright _electron in the smoke test.' }] }] },
  },
);
