import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Graph URLs are built in src/graph/endpoints only (one typed function per endpoint, with its
 * `$select`, permission and schema): the rest of src calls those functions. The simulator, which
 * serves Graph, is the one other place that names Graph paths.
 */
const SRC = path.resolve(__dirname, '..', '..', 'src');
const ALLOWED = ['graph', 'simulator'].map((dir) => path.join(SRC, dir) + path.sep);

/** What makes a string look like a Graph URL: a version segment, a resource path, OData options, a Graph function. */
const GRAPH_PATH = [
  /\/(v1\.0|beta)(\/|$)/,
  /\/(users|groups|reports|auditLogs|directoryObjects|subscribedSkus|me)(\/|\?|$)/,
  /\$(select|filter|top|expand|count|search|orderby|skiptoken)=/,
  /\/\$batch\b/,
  /\/(assignLicense|transitiveMembers|transitiveMemberOf|memberOf|manager)\b/,
  /\bget[A-Z]\w+(Detail|Counts|Activity)\w*(\(|$)/,
];

const looksLikeGraphPath = (text: string) => GRAPH_PATH.some((re) => re.test(text));
/** Looser than GRAPH_PATH, for a file's raw text: parsing is the slow part, and most files have nothing Graph-like. */
const MAYBE_GRAPH =
  /\/(v1\.0|beta|users|groups|reports|auditLogs|directoryObjects|subscribedSkus|me|\$batch|assignLicense|transitiveMember|memberOf|manager)|\$(select|filter|top|expand|count|search|orderby|skiptoken)=|get[A-Z]\w+(Detail|Counts|Activity)/;

/** Every string literal and template of a file (never its comments), with the line it starts on. */
function strings(file: string, text: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    false,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: { line: number; text: string }[] = [];
  const add = (node: ts.Node, value: string) =>
    found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: value });
  const visit = (node: ts.Node): void => {
    // Module specifiers (`import … from './roster/groups'`) name files, not URLs.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text);
    // A template is judged whole, its substitutions shown as `${…}`: `/groups/${id}` is a path.
    else if (ts.isTemplateExpression(node))
      add(node, node.head.text + node.templateSpans.map((span) => '${…}' + span.literal.text).join(''));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Graph-path-like strings of a file, as `file:line: text`. */
function offences(file: string, text: string): string[] {
  if (!MAYBE_GRAPH.test(text)) return [];
  return strings(file, text)
    .filter((s) => looksLikeGraphPath(s.text))
    .map((s) => `${path.relative(SRC, file)}:${s.line}: ${s.text}`);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('graph: endpoints are the only place Graph URLs are built', () => {
  it('finds no Graph path in src outside src/graph and src/simulator', () => {
    const files = sourceFiles(SRC).filter((f) => !ALLOWED.some((dir) => f.startsWith(dir)));
    assert.ok(files.length > 50, `only ${files.length} files scanned`);
    const found = files.flatMap((f) => offences(f, fs.readFileSync(f, 'utf8')));
    assert.deepEqual(
      found,
      [],
      `Build these through a function in src/graph/endpoints (docs/graph-endpoints.md):\n${found.join('\n')}`,
    );
  });

  it('would catch a path, a query or a Graph function in a string or template, and not in a comment', () => {
    const sample = [
      "graph.get('/v1.0/subscribedSkus');",
      'graph.pages(`/beta/reports/authenticationMethods/userRegistrationDetails?$top=999`);',
      'const url = `/groups/${id}?$select=id,displayName`;',
      "graph.post('/v1.0/$batch', body);",
      'graph.postRecorded(`/v1.0/users/${id}/assignLicense`, change);',
      'reportRows(graph, "getMailboxUsageDetail(period=\'D90\')");',
      'const q = `?$filter=${encodeURIComponent(filter)}`;',
      '// a comment may name GET /v1.0/users and $select=id freely',
      "const words = 'Removing an approved license with assignLicense (reclamation)';",
      "const table = q('users');",
      "import { syncGroupNames } from './roster/groups';",
    ].join('\n');
    assert.deepEqual(
      offences(path.join(SRC, 'bot', 'sample.ts'), sample).map((o) => Number(o.split(':')[1])),
      [1, 2, 3, 4, 5, 6, 7],
    );
  });
});
