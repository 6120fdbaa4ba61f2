import { Template } from 'adaptivecards-templating';

/**
 * What a card template reads from its data, checked against sample data without expanding it.
 *
 * Expanding alone cannot show every missing field (found by trying adaptivecards-templating 2.3.1):
 * a missing field in a `$when` hides the element without a trace (`${count(x) > 0}`, `${flag}`) or
 * shows it (`${x != ''}` is true for a missing `x`), and some functions leave no trace of it
 * (`${if(x, 'a', 'b')}` gives `b`). So every `${…}` is parsed with the engine's own parser
 * (`Template.parseInterpolatedString`, adaptive-expressions underneath) and each path it references
 * is looked up in the data, with `$data` scopes resolved as the engine does: inside
 * `"$data": "${rows}"` a path is read from each row, never from the root (only `$root.x` is).
 */

/** One path read at one place of the template, e.g. `/body/7/items/1` reads `note`. */
interface Read {
  at: string;
  path: string;
}

type Outcome = 'found' | 'missing' | 'unreached';

/**
 * The data an element sees: the root, and its own `$data` (the root, or an item of a list), which
 * is at `from` in the root (`['rows', '[]']` for an item of `rows`).
 */
interface Scope {
  root: unknown;
  data: unknown;
  from: string[];
}

function segments(path: string): string[] {
  return path
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((s) => s.replace(/^'(.*)'$/, '$1'));
}

/**
 * `found`: every step exists. `missing`: a step is absent (the field the data lacks). `unreached`: a
 * step before the last is null, so this sample cannot say (a `$when` guards such a read).
 */
function lookUp(path: string, scope: Scope): { outcome: Outcome; value?: unknown } {
  const [first, ...rest] = segments(path);
  if (first === '$index') return { outcome: 'found' };
  let value: unknown;
  let steps: string[];
  if (first === '$root') [value, steps] = [scope.root, rest];
  else if (first === '$data') [value, steps] = [scope.data, rest];
  else [value, steps] = [scope.data, first === undefined ? [] : [first, ...rest]];
  for (const step of steps) {
    if (value === null) return { outcome: 'unreached' };
    if (typeof value !== 'object' || !(step in value)) return { outcome: 'missing' };
    value = (value as Record<string, unknown>)[step];
    if (value === undefined) return { outcome: 'missing' };
  }
  return { outcome: 'found', value };
}

/** What adaptive-expressions reads paths from: the engine's own memory resolves them the same way. */
function memoryOf(scope: Scope) {
  return {
    getValue: (path: string): unknown => {
      const { outcome, value } = lookUp(path, scope);
      return outcome === 'found' ? value : undefined;
    },
    setValue: () => undefined,
    version: () => '0',
  };
}

/** The paths a template string reads; none for plain text. Throws on an expression the engine cannot parse. */
export function pathsOf(text: string): string[] {
  const parsed = Template.parseInterpolatedString(text);
  return typeof parsed === 'string' ? [] : parsed.references();
}

/** Where a path reads from the root, e.g. `rows.[].note` for `note` in a row; null for `$index`. */
function absolute(path: string, scope: Scope): string | null {
  const [first, ...rest] = segments(path);
  if (first === '$index') return null;
  if (first === '$root') return rest.join('.');
  if (first === '$data') return [...scope.from, ...rest].join('.');
  return [...scope.from, ...segments(path)].join('.');
}

/** Every path of the data, lists as `[]`: `rows`, `rows.[]`, `rows.[].note`… */
function dataPaths(value: unknown, from: string[], into: Set<string>): void {
  if (from.length) into.add(from.join('.'));
  if (Array.isArray(value)) value.forEach((item) => dataPaths(item, [...from, '[]'], into));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) dataPaths(item, [...from, key], into);
}

/**
 * A read uses the data at its path and what leads to it; a property that is one `${path}` puts the
 * value into the card (`"data": "${reclaim.data}"`), so it also uses everything inside.
 */
function isUsed(path: string, reads: ReadonlySet<string>, passed: ReadonlySet<string>): boolean {
  for (const read of reads) if (read === path || read.startsWith(`${path}.`)) return true;
  for (const read of passed) if (path.startsWith(`${read}.`)) return true;
  return false;
}

class Walk {
  /** Every read of the template, with what each sample made of it. */
  readonly outcomes = new Map<string, { read: Read; seen: Outcome[] }>();
  /** Per `$when`: how often the samples showed and hid the element. */
  readonly branches = new Map<string, { text: string; shown: number; hidden: number }>();
  readonly problems: string[] = [];
  /** Every path read, from the root; `passed`: those put into the card whole. */
  readonly used = new Set<string>();
  readonly passed = new Set<string>();

  constructor(private readonly label: string) {}

  record(read: Read, scopes: readonly Scope[], use: 'leaf' | 'whole' | 'scope' = 'leaf'): void {
    const key = `${read.at} ${read.path}`;
    const entry = this.outcomes.get(key) ?? { read, seen: [] };
    this.outcomes.set(key, entry);
    for (const scope of scopes) {
      const from = absolute(read.path, scope);
      if (from !== null && use !== 'scope') this.used.add(from);
      if (from !== null && use === 'whole') this.passed.add(from);
      const { outcome } = lookUp(read.path, scope);
      entry.seen.push(outcome);
      if (outcome === 'missing')
        this.problems.push(`${this.label}: ${read.at} reads \`${read.path}\`, which the data lacks`);
    }
  }

  reads(text: string, at: string, scopes: readonly Scope[]): void {
    const parsed = Template.parseInterpolatedString(text);
    const use = typeof parsed !== 'string' && parsed.type === 'Accessor' ? 'whole' : 'leaf';
    for (const path of pathsOf(text)) this.record({ at, path }, scopes, use);
  }

  node(node: unknown, at: string, scopes: readonly Scope[]): void {
    if (typeof node === 'string') this.reads(node, at, scopes);
    else if (Array.isArray(node)) node.forEach((item, i) => this.node(item, `${at}/${i}`, scopes));
    else if (node !== null && typeof node === 'object') this.element(node as Record<string, unknown>, at, scopes);
  }

  /** `$data` first (read in the outer scope), then `$when` and the rest in the element's own scope, as the engine does. */
  private element(node: Record<string, unknown>, at: string, outer: readonly Scope[]): void {
    let scopes = outer;
    const $data = node['$data'];
    if ($data !== undefined) {
      scopes = typeof $data === 'string' ? this.dataScopes($data, `${at}/$data`, outer) : [];
      if (typeof $data !== 'string') this.problems.push(`${this.label}: ${at}/$data is not a \`\${…}\` expression`);
    }
    const $when = node['$when'];
    if (typeof $when === 'string') this.when($when, `${at}/$when`, scopes);
    for (const [key, value] of Object.entries(node)) {
      if (key !== '$data') this.node(value, `${at}/${key}`, scopes);
    }
  }

  /** The engine shows an element only when its `$when` evaluates to `true` (anything else hides it). */
  private when(text: string, at: string, scopes: readonly Scope[]): void {
    const parsed = Template.parseInterpolatedString(text);
    const branch = this.branches.get(at) ?? { text, shown: 0, hidden: 0 };
    this.branches.set(at, branch);
    for (const scope of scopes) {
      const shown = typeof parsed !== 'string' && parsed.tryEvaluate(memoryOf(scope)).value === true;
      if (shown) branch.shown++;
      else branch.hidden++;
    }
  }

  /** The scopes inside `"$data": "${list}"`: one per item of the list in each sample (an object: itself). */
  private dataScopes(text: string, at: string, outer: readonly Scope[]): Scope[] {
    const paths = pathsOf(text);
    const parsed = Template.parseInterpolatedString(text);
    if (typeof parsed === 'string' || parsed.type !== 'Accessor' || paths.length !== 1) {
      this.problems.push(`${this.label}: ${at} is \`${text}\`: only a path (\`\${rows}\`) is supported here`);
      return [];
    }
    this.record({ at, path: paths[0]! }, outer, 'scope');
    return outer.flatMap((scope) => {
      const { outcome, value } = lookUp(paths[0]!, scope);
      if (outcome !== 'found' || value === null) return [];
      const from = absolute(paths[0]!, scope)?.split('.') ?? [];
      if (!Array.isArray(value)) return [{ root: scope.root, data: value, from }];
      return value.map((data: unknown) => ({ root: scope.root, data, from: [...from, '[]'] }));
    });
  }
}

/**
 * Every path the template reads must exist in each sample (`missing` otherwise), and each must be
 * reached by at least one sample: a list empty, or a parent null, in all samples leaves a read
 * unchecked. Every `$when` must be true in one sample and false in another, and every field of the
 * data read somewhere: a field no template reads is a builder drifting away from its template.
 */
export function templateReadProblems(label: string, template: unknown, samples: readonly object[]): string[] {
  const walk = new Walk(label);
  walk.node(
    template,
    '',
    samples.map((root) => ({ root, data: root, from: [] })),
  );
  const fields = new Set<string>();
  for (const sample of samples) dataPaths(sample, [], fields);
  for (const field of fields) {
    if (!isUsed(field, walk.used, walk.passed))
      walk.problems.push(`${label}: the data's \`${field}\` is read nowhere in the template`);
  }
  for (const { read, seen } of walk.outcomes.values()) {
    if (!seen.includes('found') && !seen.includes('missing')) {
      walk.problems.push(
        `${label}: ${read.at} reads \`${read.path}\`, which no sample reaches (an empty list or a null parent in every sample)`,
      );
    }
  }
  for (const [at, { text, shown, hidden }] of walk.branches) {
    if (!shown) walk.problems.push(`${label}: ${at} \`${text}\`: no sample shows the element`);
    if (!hidden) walk.problems.push(`${label}: ${at} \`${text}\`: no sample hides the element`);
  }
  return [...new Set(walk.problems)];
}
