import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint enforces the architecture's boundaries: client/ and server/ may import shared/ but never
 * each other, and shared/ stays isomorphic (no DOM, no Node built-ins).
 */
/**
 * The inner walls (LINT-1): the sockets of the client live in client/collab/, the database driver
 * in server/storage/, and routes reach the collaboration server only through its public module.
 */
const noServerFromClient = { group: ['**/server/**', 'server/*'], message: 'client/ may import shared/, never server/.' };
const noClientFromServer = { group: ['**/client/**', 'client/*'], message: 'server/ may import shared/, never client/.' };
const dbDrivers = ['better-sqlite3', 'pg'].map((name) => ({
  name,
  message: 'Only server/storage/ talks to the database driver; use a repository or the types it exports.',
}));
const dbDriverSubpaths = { group: ['better-sqlite3/*', 'pg/*'], message: 'Only server/storage/ talks to the database driver.' };
// server/collab/server.ts is the collaboration server's public module for routes; the rest
// (hooks, rooms, connections, messages) is internal to it.
const collabInternals = {
  regex: '^(\\.\\./)+(server/)?collab/(?!server\\.ts$)',
  message: 'server/routes/ may use the collaboration server only through server/collab/server.ts.',
};
const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'stream', 'url', 'worker_threads', 'zlib', 'buffer', 'events', 'util'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-server/**', 'node_modules/**', 'data/**', '.tmp/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['client/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [noServerFromClient] }],
    },
  },
  {
    // Only client/collab/ opens sockets: reconnects, status and access codes are handled once.
    files: ['client/**'],
    ignores: ['client/collab/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'y-websocket', message: 'Only client/collab/ uses y-websocket; use its hooks.' }],
          patterns: [noServerFromClient, { group: ['y-websocket/*'], message: 'Only client/collab/ uses y-websocket.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='WebSocket'], NewExpression[callee.property.name='WebSocket']",
          message: 'Only client/collab/ opens a WebSocket.',
        },
      ],
    },
  },
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noClientFromServer] }],
    },
  },
  {
    files: ['server/**', 'scripts/**'],
    ignores: ['server/storage/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: dbDrivers, patterns: [noClientFromServer, dbDriverSubpaths] }],
    },
  },
  {
    files: ['server/routes/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: dbDrivers, patterns: [noClientFromServer, dbDriverSubpaths, collabInternals] }],
    },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message: 'shared/ must not use Node APIs.' })),
          patterns: [{ group: ['**/client/**', '**/server/**', 'node:*', 'react', 'react-dom', 'react-dom/*'], message: 'shared/ is isomorphic: no client, server, Node or DOM code.' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    // Storage is asynchronous (SqlDb): a repository call that is not awaited would let a route
    // answer before its access check or its audit row, and a rejection would go unhandled.
    files: ['server/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    ignores: ['tests/e2e/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
);
