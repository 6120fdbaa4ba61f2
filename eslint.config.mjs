// Lint rules, run by `npm test` (`npm run lint`). Beside the recommended sets, one local rule keeps the
// pipeline's layers apart (docs/architecture.md): each folder of src/ may import only the layers
// below it, so dependencies point down the pipeline, never back.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SRC = resolve(import.meta.dirname, 'src');

/** What each layer of src/ may import (besides itself and npm packages). */
const LAYERS = {
  config: [],
  logging: ['config'],
  graph: ['config', 'logging'],
  store: ['config', 'logging'],
  tasks: ['config', 'logging', 'graph', 'store'],
  insights: ['config', 'logging', 'store'],
  reclamation: ['config', 'logging', 'graph', 'store', 'insights'],
  consent: ['config', 'logging', 'store'],
  bot: ['config', 'logging', 'graph', 'store', 'insights', 'reclamation', 'consent'],
  server: ['config', 'logging', 'store', 'consent', 'bot'],
  simulator: [],
  cli: ['config', 'logging', 'graph', 'store', 'tasks', 'insights', 'reclamation', 'consent', 'bot', 'simulator'],
};

/**
 * The layer (first folder under src/) a file or an import's target is in: `../config` (a layer's
 * index) is in `config` as much as `../config/load` is. src/index.ts (the wiring) is in none.
 */
const layerOf = (path) => {
  const rel = relative(SRC, path);
  if (rel === '' || rel.startsWith('..')) return null;
  const [first, ...rest] = rel.split('/');
  return rest.length === 0 && /\.[cm]?[jt]s$/.test(first) ? null : first;
};

const layers = {
  // `npm run lint` keeps an ESLint cache (.eslintcache); it is keyed on the configuration, where a local
  // plugin counts by name and version only. This file's hash as the version: a change to LAYERS or to
  // the rule lints every file again.
  meta: {
    name: 'layers',
    version: createHash('sha256')
      .update(readFileSync(import.meta.filename))
      .digest('hex')
      .slice(0, 16),
  },
  rules: {
    'imports-point-down': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const from = layerOf(context.filename);
        if (!from || !(from in LAYERS)) return {};
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const to = layerOf(resolve(dirname(context.filename), source));
          if (to && to !== from && !LAYERS[from].includes(to)) {
            context.report({
              node,
              message: `src/${from} may not import src/${to}: dependencies point down the pipeline (${from} may use ${LAYERS[from].join(', ') || 'nothing of src'}).`,
            });
          }
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'docs/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { layers },
    rules: {
      'layers/imports-point-down': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Cards and conversation only: what a handler reads or writes goes through the domain.
    files: ['src/bot/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              message: 'The bot talks to the domain (insights, reclamation, store repositories), never to TypeORM.',
            },
          ],
          patterns: [
            { group: ['typeorm/*'], message: 'The bot talks to the domain, never to TypeORM.' },
            {
              group: [
                '**/store/entities',
                '**/store/entities/*',
                '**/store/migrations',
                '**/store/migrations/*',
                '**/store/data-source',
              ],
              message: 'Store internals stay in the store: use its repositories.',
            },
            {
              group: ['**/insights/sql', '**/insights/sql/*'],
              message: "The rules' SQL is the insights' own: call their functions.",
            },
          ],
        },
      ],
    },
  },
);
