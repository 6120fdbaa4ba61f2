import { isGuid } from '../../util/guid';
import { Errors } from '../errors';

/**
 * A small OData `$filter` parser: comparisons (eq ne gt ge lt le), `in`, and/or/not, parentheses,
 * startsWith/endsWith, and lambda `any` over collections (`assignedLicenses/any(x:x/skuId eq …)`).
 * Endpoint schemas decide which properties and operators are allowed (compile.ts).
 */
export type Literal =
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'null' }
  | { readonly t: 'number'; readonly v: number }
  | { readonly t: 'datetime'; readonly v: number; readonly text: string }
  | { readonly t: 'guid'; readonly v: string };

export type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type Expr =
  | { readonly k: 'and' | 'or'; readonly l: Expr; readonly r: Expr }
  | { readonly k: 'not'; readonly e: Expr }
  | { readonly k: 'cmp'; readonly op: Op; readonly path: string; readonly value: Literal }
  | { readonly k: 'in'; readonly path: string; readonly values: readonly Literal[] }
  | { readonly k: 'call'; readonly fn: 'startswith' | 'endswith'; readonly path: string; readonly value: string }
  | { readonly k: 'any'; readonly path: string; readonly variable: string; readonly body: Expr };

type Token = { kind: 'word' | 'punct'; text: string } | { kind: 'lit'; lit: Literal };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/;
const NUMBER = /^-?\d+(\.\d+)?/;
const WORD = /^[A-Za-z_$][\w$.]*/;
const OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

const invalid = (detail: string) => Errors.badRequest(`Invalid filter clause: ${detail}`);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let s = text;
  while ((s = s.trimStart()).length > 0) {
    let m: RegExpExecArray | null;
    if (s[0] === "'") {
      let value = '';
      let k = 1;
      for (;;) {
        if (k >= s.length) throw invalid('unterminated string literal');
        if (s[k] === "'") {
          if (s[k + 1] === "'") {
            value += "'";
            k += 2;
            continue;
          }
          break;
        }
        value += s[k++];
      }
      tokens.push({ kind: 'lit', lit: { t: 'string', v: value } });
      s = s.slice(k + 1);
    } else if ('()/,:'.includes(s[0] ?? '')) {
      tokens.push({ kind: 'punct', text: s[0] ?? '' });
      s = s.slice(1);
    } else if ((m = GUID.exec(s)) && isGuid(m[0])) {
      tokens.push({ kind: 'lit', lit: { t: 'guid', v: m[0].toLowerCase() } });
      s = s.slice(m[0].length);
    } else if ((m = DATETIME.exec(s)) && m[0].length >= 10 && m[0].includes('-')) {
      const ms = Date.parse(m[0].length === 10 ? `${m[0]}T00:00:00Z` : m[0]);
      if (Number.isNaN(ms)) throw invalid(`'${m[0]}' is not a valid DateTimeOffset`);
      tokens.push({ kind: 'lit', lit: { t: 'datetime', v: ms, text: m[0] } });
      s = s.slice(m[0].length);
    } else if ((m = NUMBER.exec(s))) {
      tokens.push({ kind: 'lit', lit: { t: 'number', v: Number(m[0]) } });
      s = s.slice(m[0].length);
    } else if ((m = WORD.exec(s))) {
      const w = m[0];
      if (w === 'true' || w === 'false') tokens.push({ kind: 'lit', lit: { t: 'bool', v: w === 'true' } });
      else if (w === 'null') tokens.push({ kind: 'lit', lit: { t: 'null' } });
      else tokens.push({ kind: 'word', text: w });
      s = s.slice(w.length);
    } else {
      throw invalid(`unexpected '${s.slice(0, 10)}'`);
    }
  }
  return tokens;
}

export function parseFilter(text: string): Expr {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (w: string) => {
    const t = peek();
    return t?.kind === 'word' && t.text.toLowerCase() === w;
  };
  const isPunct = (p: string) => {
    const t = peek();
    return t?.kind === 'punct' && t.text === p;
  };
  const expectPunct = (p: string) => {
    if (!isPunct(p)) throw invalid(`expected '${p}'`);
    pos++;
  };
  const literal = (): Literal => {
    const t = tokens[pos++];
    if (t?.kind !== 'lit') throw invalid('expected a literal value');
    return t.lit;
  };
  const path = (): string => {
    const parts: string[] = [];
    for (;;) {
      const t = tokens[pos];
      if (t?.kind !== 'word') throw invalid('expected a property');
      parts.push(t.text);
      pos++;
      if (
        !isPunct('/') ||
        tokens[pos + 1]?.kind !== 'word' ||
        ['any', 'all'].includes((tokens[pos + 1] as { text: string }).text.toLowerCase())
      )
        break;
      pos++;
    }
    return parts.join('/');
  };
  const primary = (): Expr => {
    if (isPunct('(')) {
      pos++;
      const e = or();
      expectPunct(')');
      return e;
    }
    if (isWord('not')) {
      pos++;
      return { k: 'not', e: primary() };
    }
    const fn = peek();
    if (
      fn?.kind === 'word' &&
      ['startswith', 'endswith'].includes(fn.text.toLowerCase()) &&
      tokens[pos + 1]?.kind === 'punct'
    ) {
      pos++;
      expectPunct('(');
      const p = path();
      expectPunct(',');
      const value = literal();
      expectPunct(')');
      if (value.t !== 'string') throw invalid(`${fn.text} needs a string`);
      return { k: 'call', fn: fn.text.toLowerCase() as 'startswith' | 'endswith', path: p, value: value.v };
    }
    const p = path();
    if (isPunct('/')) {
      pos++;
      if (!isWord('any')) throw invalid(`only the 'any' lambda is supported`);
      pos++;
      expectPunct('(');
      const variable = tokens[pos++];
      if (variable?.kind !== 'word') throw invalid('expected a lambda variable');
      expectPunct(':');
      const body = or();
      expectPunct(')');
      return { k: 'any', path: p, variable: variable.text, body };
    }
    if (isWord('in')) {
      pos++;
      expectPunct('(');
      const values = [literal()];
      while (isPunct(',')) {
        pos++;
        values.push(literal());
      }
      expectPunct(')');
      return { k: 'in', path: p, values };
    }
    const op = peek();
    if (op?.kind !== 'word' || !OPS.has(op.text.toLowerCase())) throw invalid(`expected an operator after '${p}'`);
    pos++;
    return { k: 'cmp', op: op.text.toLowerCase() as Op, path: p, value: literal() };
  };
  const and = (): Expr => {
    let e = primary();
    while (isWord('and')) {
      pos++;
      e = { k: 'and', l: e, r: primary() };
    }
    return e;
  };
  const or = (): Expr => {
    let e = and();
    while (isWord('or')) {
      pos++;
      e = { k: 'or', l: e, r: and() };
    }
    return e;
  };
  const expr = or();
  if (pos !== tokens.length) throw invalid('unexpected trailing input');
  return expr;
}
