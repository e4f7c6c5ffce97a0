// Lint enforces the layer rules of shared/DESIGN.md, so nobody has to remember them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nativeModules = [
  'better-sqlite3',
  'better-sqlite3-multiple-ciphers',
  'serialport',
  'node-hid',
  'sharp',
  'ws',
];

/** Imports that pure code (renderer, api, domain) may never make. */
const pureRestrictions = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'Pure code cannot use Node built-ins.' })),
    { name: 'electron', message: "Only src-main/hosts/electron imports 'electron'." },
    ...nativeModules.map((name) => ({ name, message: 'Native modules live in main/drivers.' })),
  ],
  patterns: [
    { group: ['node:*', '@serialport/*'], message: 'Pure code cannot use Node or native modules.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'test-results/**',
      'playwright-report/**',
      '.electron-native/**',
      'resources/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  // Everywhere except the Electron host: no 'electron'.
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: ['src-main/hosts/electron/**', 'electron.vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                "Only src-main/hosts/electron may import 'electron' (tests cannot load it here).",
            },
          ],
        },
      ],
    },
  },
  // Drivers never reach into the application.
  {
    files: ['drivers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: "Drivers never import 'electron'." }],
          patterns: [
            {
              regex: '(^|/)src-main(/|$)',
              message: 'drivers/ never imports src-main/ (see DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
  // The contract, the domain rules and shared/ are pure: shared by renderer, main and drivers.
  {
    files: ['src-main/api/**/*.ts', 'src-main/domain/**/*.ts', 'shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...pureRestrictions,
          patterns: [
            ...pureRestrictions.patterns,
            {
              regex: '\\.\\./(services|store|hosts|imaging|packets|sync)(/|$)',
              message: 'api/ and domain/ are pure and cannot import main-side layers.',
            },
            { regex: '(^|/)drivers(/|$)', message: 'api/ and domain/ cannot import drivers.' },
          ],
        },
      ],
    },
  },
  // The renderer is sandboxed: only the contract, the domain rules and browser libraries.
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...pureRestrictions,
          patterns: [
            ...pureRestrictions.patterns,
            {
              regex: 'src-main/(services|store|hosts|imaging|packets|sync)(/|$)',
              message: 'The renderer reaches main only through the contract (src-main/api).',
            },
            { regex: '(^|/)drivers(/|$)', message: 'The renderer cannot import drivers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
