import { Errors } from '../errors';
import type { Expr, Literal, Op } from './parse';

/**
 * Turns a parsed `$filter` into a predicate over an endpoint's rows. Each endpoint declares which
 * properties, operators and collections it filters on; anything else is refused the way Graph does.
 */
export type FieldType = 'string' | 'bool' | 'datetime' | 'guid' | 'number';
export type Scalar = string | number | boolean | null;
export type FilterOp = Op | 'in' | 'startswith' | 'endswith';

export interface Field<T> {
  readonly type: FieldType;
  readonly ops: readonly FilterOp[];
  get(row: T): Scalar;
}

export interface CollectionField<T> {
  /** Element schema for `any(x: x/prop …)`, or a field for primitive collections (`any(x: x eq …)`). */
  readonly element: FilterSchema<unknown> | Field<unknown>;
  elements(row: T): readonly unknown[];
}

export interface FilterSchema<T> {
  readonly resource: string;
  readonly fields: Readonly<Record<string, Field<T>>>;
  readonly collections?: Readonly<Record<string, CollectionField<T>>>;
}

export type Predicate<T> = (row: T) => boolean;

const unsupported = (resource: string, path: string) =>
  Errors.unsupportedQuery(
    `Unsupported or invalid query filter clause specified for property '${path}' of resource '${resource}'.`,
  );

function literalValue(type: FieldType, lit: Literal, resource: string, path: string): Scalar {
  if (lit.t === 'null') return null;
  if (type === 'string' && lit.t === 'string') return lit.v.toLowerCase();
  if (type === 'guid' && (lit.t === 'guid' || lit.t === 'string')) return lit.v.toLowerCase();
  if (type === 'bool' && lit.t === 'bool') return lit.v;
  if (type === 'datetime' && lit.t === 'datetime') return lit.v;
  if (type === 'number' && lit.t === 'number') return lit.v;
  throw unsupported(resource, path);
}

function normalise(type: FieldType, value: Scalar): Scalar {
  return typeof value === 'string' && (type === 'string' || type === 'guid') ? value.toLowerCase() : value;
}

function compare(op: Op, left: Scalar, right: Scalar): boolean {
  if (op === 'eq') return left === right;
  if (op === 'ne') return left !== right;
  if (left === null || right === null) return false;
  if (op === 'gt') return left > right;
  if (op === 'ge') return left >= right;
  if (op === 'lt') return left < right;
  return left <= right;
}

function fieldPredicate<T>(field: Field<T>, expr: Expr, resource: string, path: string): Predicate<T> {
  const opName: FilterOp = expr.k === 'cmp' ? expr.op : expr.k === 'in' ? 'in' : expr.k === 'call' ? expr.fn : 'eq';
  const allowsNull = expr.k === 'cmp' && expr.value.t === 'null' && (expr.op === 'eq' || expr.op === 'ne');
  if (!field.ops.includes(opName) && !(allowsNull && field.ops.includes('eq'))) throw unsupported(resource, path);
  const get = (row: T) => normalise(field.type, field.get(row));
  if (expr.k === 'cmp') {
    const right = literalValue(field.type, expr.value, resource, path);
    return (row) => compare(expr.op, get(row), right);
  }
  if (expr.k === 'in') {
    const values = new Set(expr.values.map((v) => literalValue(field.type, v, resource, path)));
    return (row) => values.has(get(row));
  }
  if (expr.k === 'call' && field.type === 'string') {
    const needle = expr.value.toLowerCase();
    return expr.fn === 'startswith'
      ? (row) => String(get(row) ?? '').startsWith(needle)
      : (row) => String(get(row) ?? '').endsWith(needle);
  }
  throw unsupported(resource, path);
}

function isSchema(x: FilterSchema<unknown> | Field<unknown>): x is FilterSchema<unknown> {
  return 'fields' in x;
}

export function compileFilter<T>(expr: Expr, schema: FilterSchema<T>, variable?: string): Predicate<T> {
  const resolve = (path: string): string =>
    variable && path.startsWith(`${variable}/`) ? path.slice(variable.length + 1) : path;
  switch (expr.k) {
    case 'and': {
      const l = compileFilter(expr.l, schema, variable);
      const r = compileFilter(expr.r, schema, variable);
      return (x) => l(x) && r(x);
    }
    case 'or': {
      const l = compileFilter(expr.l, schema, variable);
      const r = compileFilter(expr.r, schema, variable);
      return (x) => l(x) || r(x);
    }
    case 'not': {
      const e = compileFilter(expr.e, schema, variable);
      return (x) => !e(x);
    }
    case 'any': {
      const collection = schema.collections?.[resolve(expr.path)];
      if (!collection) throw unsupported(schema.resource, expr.path);
      const element = collection.element;
      const inner: Predicate<unknown> = isSchema(element)
        ? compileFilter(expr.body, element, expr.variable)
        : compileFilter(expr.body, { resource: schema.resource, fields: { [expr.variable]: element } });
      return (row) => collection.elements(row).some(inner);
    }
    default: {
      const path = resolve(expr.path);
      if (path.endsWith('/$count') && expr.k === 'cmp') {
        const collection = schema.collections?.[path.slice(0, -'/$count'.length)];
        if (!collection || expr.value.t !== 'number') throw unsupported(schema.resource, expr.path);
        const right = expr.value.v;
        return (row) => compare(expr.op, collection.elements(row).length, right);
      }
      const field = schema.fields[path];
      if (!field) throw unsupported(schema.resource, expr.path);
      return fieldPredicate(field, expr, schema.resource, expr.path);
    }
  }
}

/** Every property path an expression mentions (for permission checks and combination rules). */
export function referencedPaths(expr: Expr): string[] {
  switch (expr.k) {
    case 'and':
    case 'or':
      return [...referencedPaths(expr.l), ...referencedPaths(expr.r)];
    case 'not':
      return referencedPaths(expr.e);
    case 'any':
      return [expr.path];
    default:
      return [expr.path];
  }
}
