import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';

// Only src/api/ may talk to Tauri or the generated bindings: everything else goes through it.
const tauriBoundary = {
  patterns: [
    { group: ['@tauri-apps/*'], message: 'Import from src/api instead: it is the only Tauri boundary.' },
    { group: ['**/gen/*', '**/gen'], message: 'Import from src/api instead: it wraps the generated bindings.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'gen/**', 'src-tauri/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', tauriBoundary],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    // Tests (and their support in src/testing) may drive the IPC mocks, and nothing else of Tauri.
    files: ['src/**/*.test.ts', 'src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ ...tauriBoundary.patterns[0], group: ['@tauri-apps/*', '!@tauri-apps/api', '@tauri-apps/api/*', '!@tauri-apps/api/mocks'] }, tauriBoundary.patterns[1]] },
      ],
    },
  },
  {
    files: ['src/api/**', 'e2e/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
