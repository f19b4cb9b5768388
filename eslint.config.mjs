// Lint keeps the layers one-way without anyone having to remember them (see each src/ folder's
// README): no import cycles, department sources free of GraphQL, nothing below the server importing
// it. Type-aware rules are off on purpose: `tsc --noEmit` already type-checks, and lint stays fast.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const GRAPHQL_PACKAGES = ['graphql', 'graphql/*', 'type-graphql', '@apollo/*', 'graphql-shield', 'graphql-middleware', '@graphql-tools/*', '@escape.tech/*'];

/** `no-restricted-imports` patterns: the packages and the folders a layer must not reach. */
function forbid(folders, packages = []) {
  return {
    'no-restricted-imports': ['error', {
      patterns: [
        ...packages.map((group) => ({ group: [group], message: 'This layer does not use GraphQL (see its README).' })),
        ...folders.map((folder) => ({ regex: `^(\\.\\.?/)+${folder}(/|$)`, message: `This layer must not import src/${folder}/ (layers only import downwards).` })),
      ],
    }],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', '.data/**', 'coverage/**', 'scratch/**', 'web/dist/**', 'eslint.config.mjs', 'jest.config.js', 'scripts/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } }, 'import-x/extensions': ['.ts'] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      'no-debugger': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true }],
      '@typescript-eslint/no-unsafe-function-type': 'error',
    },
  },
  // The browser console (web/, its own tsconfig): the same cycle and comment rules over .ts and .tsx.
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } }, 'import-x/extensions': ['.ts', '.tsx'] },
  },
  { files: ['web/**/*.tsx'], extends: [tseslint.configs.base], plugins: { 'import-x': importX }, rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }], 'no-debugger': 'error', '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true }] } },
  { files: ['src/sources/**/*.ts', 'src/db/**/*.ts', 'src/identity/**/*.ts', 'src/events/**/*.ts'], rules: forbid(['server', 'schema', 'policy'], GRAPHQL_PACKAGES) },
  { files: ['src/claims/**/*.ts'], rules: forbid(['server', 'schema'], GRAPHQL_PACKAGES) },
  // A department module's row readers and loaders are sources too (src/departments/README.md: the file-name convention).
  { files: ['src/departments/*/*Rows.ts', 'src/departments/*/*Loaders.ts', 'src/departments/*/*Source.ts', 'src/departments/*/*Predicates.ts', 'src/departments/*/*Search.ts'], rules: forbid(['server', 'schema', 'policy'], GRAPHQL_PACKAGES) },
  { files: ['src/auth/**/*.ts', 'src/tags/**/*.ts', 'src/audit/**/*.ts', 'src/policy/**/*.ts', 'src/schema/**/*.ts', 'src/limits/**/*.ts'], rules: forbid(['server']) },
);
