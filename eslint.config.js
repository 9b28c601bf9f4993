import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const FORMAT_MESSAGE =
  'Use renderer/src/format (formatDateTime, formatNumber, formatPhone…): it follows the organization’s time zone and locale.';
const LOCALE_METHODS = ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'];
const RAW_FORMATTERS = [
  { selector: "NewExpression[callee.object.name='Intl']", message: FORMAT_MESSAGE },
  { selector: "CallExpression[callee.object.name='Intl']", message: FORMAT_MESSAGE },
];
/** The same calls written in a template, where no-restricted-properties does not look. */
const LOCALE_CALLS = LOCALE_METHODS.map((name) => ({
  selector: `CallExpression[callee.property.name='${name}']`,
  message: FORMAT_MESSAGE,
}));

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // The core runs under plain Node: Electron stays in electron/main and electron/preload.
    files: ['electron/core/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' },
          ],
        },
      ],
    },
  },
  {
    // Every date, time and number a person reads goes through renderer/src/format, in the
    // organization's time zone and locale (DESIGN.md, invariant 10); these are the raw ways around it.
    files: ['renderer/src/**/*.{ts,vue}'],
    ignores: ['renderer/src/format/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...LOCALE_METHODS.map((property) => ({ property, message: FORMAT_MESSAGE })),
      ],
      'no-restricted-syntax': ['error', ...RAW_FORMATTERS],
      'vue/no-restricted-syntax': ['error', ...RAW_FORMATTERS, ...LOCALE_CALLS],
    },
  },
  prettier,
);
