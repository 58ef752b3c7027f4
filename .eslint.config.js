// ESLint for the whole repository: the recommended JavaScript and typescript-eslint rules, React hooks,
// and the house rules. typescript-eslint reads TypeScript through the compiler API of TypeScript 5
// (the `typescript` devDependency); the typecheck itself runs TypeScript 7 (`typescript-native`).
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test/bench/results/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused names starting with _ are deliberate (destructuring a field away).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks and complete dependency lists. The plugin's other rules are written for the
    // React Compiler, which this app does not use (refs read during render are deliberate here).
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests and benchmarks report what they measured on the console.
    files: ['test/**/*.ts', 'server/index.ts', 'server/cli.ts'],
    rules: { 'no-console': 'off' },
  },
)
