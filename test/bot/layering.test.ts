import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

/**
 * The layers of src, read from the code itself: graph → tasks → store → insights / reclamation (the
 * domain) → bot, wired in src/index.ts; dependencies point down, never back. The bot reads and
 * changes data through the domain and store repositories named for what they do, never through the
 * store's machinery (TypeORM, a DataSource).
 */
const SRC = path.resolve(__dirname, '..', '..', 'src');

/** Top-level folders of src that a layer must not import. */
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  store: ['insights', 'tasks', 'bot', 'reclamation', 'cli', 'server'],
  // Reclamation builds on insights (plans read findings): the other way round would be a cycle.
  insights: ['tasks', 'bot', 'reclamation', 'cli', 'server'],
  reclamation: ['bot', 'cli', 'server'],
};

interface Parsed {
  /** Module specifiers of imports, re-exports, `import()` and `require()`, with their lines. */
  specifiers: { line: number; text: string }[];
  /** Identifiers (never comments or strings), with their lines. */
  identifiers: { line: number; text: string }[];
}

function parse(file: string, text: string): Parsed {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const parsed: Parsed = { specifiers: [], identifiers: [] };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      parsed.specifiers.push({ line: lineOf(node), text: node.moduleSpecifier.text });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      parsed.specifiers.push({ line: lineOf(node), text: node.moduleReference.expression.text });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) parsed.specifiers.push({ line: lineOf(node), text: first.text });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      parsed.specifiers.push({ line: lineOf(node), text: node.argument.literal.text });
    }
    if (ts.isIdentifier(node)) parsed.identifiers.push({ line: lineOf(node), text: node.text });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return parsed;
}

/** The top-level folder of src a relative specifier lands in, or null for a package or a file outside src. */
function layerOf(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = path.relative(SRC, path.resolve(path.dirname(file), specifier));
  if (target.startsWith('..')) return null;
  return target.split(path.sep)[0] ?? null;
}

/** What the bot must not use: TypeORM, or any DataSource (the store's machinery). */
function botOffences(file: string, text: string): string[] {
  const { specifiers, identifiers } = parse(file, text);
  const where = (line: number) => `${path.relative(SRC, file)}:${line}`;
  return [
    ...specifiers
      .filter((s) => s.text === 'typeorm' || s.text.startsWith('typeorm/'))
      .map((s) => `${where(s.line)}: imports ${s.text}`),
    ...identifiers.filter((i) => /^datasource$/i.test(i.text)).map((i) => `${where(i.line)}: names ${i.text}`),
  ];
}

/** Imports of a file in `layer` from the folders it must not import. */
function layerOffences(file: string, text: string, layer: string): string[] {
  const forbidden = FORBIDDEN[layer] ?? [];
  return parse(file, text).specifiers.flatMap((s) => {
    const target = layerOf(file, s.text);
    return target && forbidden.includes(target)
      ? [`${path.relative(SRC, file)}:${s.line}: ${layer} imports ${target} (${s.text})`]
      : [];
  });
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const read = (file: string) => fs.readFileSync(file, 'utf8');

describe('layering: dependencies point down', () => {
  it('src/bot neither imports typeorm nor names a DataSource', () => {
    const files = sourceFiles(path.join(SRC, 'bot'));
    assert.ok(files.length > 50, `only ${files.length} files scanned`);
    const found = files.flatMap((f) => botOffences(f, read(f)));
    assert.deepEqual(
      found,
      [],
      `Go through src/insights, src/reclamation or a store repository (src/store/repositories.ts):\n${found.join('\n')}`,
    );
  });

  for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
    it(`src/${layer} imports none of ${forbidden.join(', ')}`, () => {
      const files = sourceFiles(path.join(SRC, layer));
      assert.ok(files.length > 5, `only ${files.length} files scanned`);
      const found = files.flatMap((f) => layerOffences(f, read(f), layer));
      assert.deepEqual(found, [], found.join('\n'));
    });
  }

  it('would catch each kind of offence, and not a word in a comment or a string', () => {
    const bot = path.join(SRC, 'bot', 'commands', 'sample.ts');
    const sample = [
      "import { In } from 'typeorm';",
      "import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';",
      'const rows = await services.dataSource.getRepository(TenantUser).find();',
      'function f(store: DataSource) {}',
      "const m = require('typeorm');",
      '// a comment may say typeorm and dataSource',
      "const words = 'the dataSource of typeorm';",
      "import { TaskRuns } from '../../store';",
    ].join('\n');
    assert.deepEqual(
      botOffences(bot, sample)
        .map((o) => Number(o.split(':')[1]))
        .sort((a, b) => a - b),
      [1, 2, 3, 4, 5],
    );
    const store = path.join(SRC, 'store', 'sample.ts');
    const imports = [
      "import { listFindings } from '../insights';",
      "export { runTask } from '../tasks/runner';",
      "type B = import('../bot/services').BotServices;",
      "const r = await import('../reclamation/plan');",
      "import { openStore } from './data-source';",
      "import type { DatabaseConfig } from '../config';",
      "import { DataSource } from 'typeorm';",
    ].join('\n');
    assert.deepEqual(
      layerOffences(store, imports, 'store').map((o) => Number(o.split(':')[1])),
      [1, 2, 3, 4],
    );
    assert.deepEqual(
      layerOffences(
        path.join(SRC, 'reclamation', 'sample.ts'),
        "import { ApprovalCards } from '../bot/reclaim/approval-cards';\nimport { listFindings } from '../insights';",
        'reclamation',
      ).length,
      1,
    );
  });

  it('the lint rule (eslint.config.mjs) refuses imports of a higher layer, through its index as through a file', async () => {
    const eslint = new ESLint({ cwd: path.resolve(SRC, '..') });
    const lint = async (file: string, text: string) => {
      const [result] = await eslint.lintText(text, { filePath: path.join(SRC, file) });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/imports-point-down').map((m) => m.line);
    };
    const imports = [
      "import { createBotApp } from '../bot';",
      "import { runTask } from '../tasks/runner';",
      "export * from '../insights';",
      "import { isGuid } from '../config';",
      "import { openStore } from './data-source';",
    ].join('\n');
    assert.deepEqual(
      await lint('store/sample.ts', `${imports}\nexport const used = [createBotApp, runTask, isGuid, openStore];`),
      [1, 2, 3],
    );
    assert.deepEqual(
      await lint('graph/sample.ts', "import { TaskRuns } from '../store';\nexport const used = TaskRuns;"),
      [1],
    );
    assert.deepEqual(
      await lint('index.ts', "import { createBotApp } from './bot';\nexport const used = createBotApp;"),
      [],
      'the wiring imports every layer',
    );
  });
});
