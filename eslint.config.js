import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
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
  { ignores: ['dist/**', 'gen/**', 'src-tauri/**', 'node_modules/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...vue.configs['flat/recommended'],
  {
    // Typed rules: each file is checked with the types of the tsconfig.json that holds it.
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.vue'] },
    },
  },
  {
    // eslint-plugin-vue's config parses .vue files with vue-eslint-parser; their scripts are TypeScript.
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // Plain JavaScript (this file, scripts/*.mjs) has no types to check against.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', tauriBoundary],
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // Tests (and their support in src/testing) may drive the IPC mocks, and nothing else of Tauri.
    files: ['src/**/*.test.ts', 'src/testing/**'],
    rules: {
      // Fake Rust sides throw and reject with what Tauri's IPC rejects with: the command's
      // `{ kind, message }` payload or the ACL's string, never an Error.
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              ...tauriBoundary.patterns[0],
              group: ['@tauri-apps/*', '!@tauri-apps/api', '@tauri-apps/api/*', '!@tauri-apps/api/mocks'],
            },
            tauriBoundary.patterns[1],
          ],
        },
      ],
    },
  },
  {
    files: ['src/api/**', 'e2e/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // Layout is Prettier's: this turns off the lint rules that would argue with it.
  prettier,
);
