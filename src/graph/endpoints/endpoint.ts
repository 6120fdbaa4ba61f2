import type { z } from 'zod';
import { batchGet } from '../batch';
import type { GraphClient } from '../client';
import { graphErrorFrom, type GraphError, unexpectedAnswer } from '../errors';

/**
 * One Graph endpoint the product calls, as docs/graph-endpoints.md lists it. The function beside it
 * builds the URL (with its `$select`), asks with this permission and checks the answer's schema.
 */
export interface Endpoint {
  /** Method and path template: `GET /v1.0/users/{id}/manager`. Named in errors. */
  readonly name: string;
  /** The application permission to grant, named in a 403 (first of its list in GRAPH_PERMISSIONS). */
  readonly permission: string;
}

/** One page of a collection, each item checked on its own: one odd item never costs the page. */
export interface CheckedPage<T> {
  /** The items that have the endpoint's schema. */
  items: T[];
  /** The issues of each item that has not (left out of `items`; callers count or log them). */
  rejected: z.ZodIssue[][];
}

/** A whole answer checked: its data, or a GraphError naming the endpoint when it does not fit. */
export function parseAnswer<S extends z.ZodTypeAny>(
  endpoint: Endpoint,
  schema: S,
  body: unknown,
): { data: z.output<S> } | { error: GraphError } {
  const result = schema.safeParse(body);
  if (result.success) return { data: result.data as z.output<S> };
  const issue = result.error.issues[0];
  return {
    error: unexpectedAnswer(
      endpoint.name,
      issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'it does not fit its schema',
    ),
  };
}

/** Checks a whole answer; throws the GraphError naming the endpoint when it does not fit. */
export function checked<S extends z.ZodTypeAny>(endpoint: Endpoint, schema: S, body: unknown): z.output<S> {
  const answer = parseAnswer(endpoint, schema, body);
  if ('error' in answer) throw answer.error;
  return answer.data;
}

/** GET one object (or a one-page collection) and check it. */
export async function getChecked<S extends z.ZodTypeAny>(
  graph: GraphClient,
  endpoint: Endpoint,
  path: string,
  schema: S,
): Promise<z.output<S>> {
  return checked(endpoint, schema, await graph.get(path, { permission: endpoint.permission, endpoint: endpoint.name }));
}

/** Splits a page's items into those that fit the schema and the issues of those that do not. */
export function checkItems<S extends z.ZodTypeAny>(schema: S, values: readonly unknown[]): CheckedPage<z.output<S>> {
  const page: CheckedPage<z.output<S>> = { items: [], rejected: [] };
  for (const value of values) {
    const result = schema.safeParse(value);
    if (result.success) page.items.push(result.data as z.output<S>);
    else page.rejected.push(result.error.issues);
  }
  return page;
}

/**
 * Every page of a collection, checked item by item, as GraphClient.pages reads them: nextLink
 * followed verbatim, one page ahead and no more, so a 200,000-user tenant is never held in memory.
 * The checking is counted as parsing in the client's statistics.
 */
export async function* checkedPages<S extends z.ZodTypeAny>(
  graph: GraphClient,
  endpoint: Endpoint,
  path: string,
  schema: S,
): AsyncGenerator<CheckedPage<z.output<S>>> {
  for await (const page of graph.pages(path, { permission: endpoint.permission, endpoint: endpoint.name })) {
    yield graph.stats.parsing(() => checkItems(schema, page.value));
  }
}

/**
 * Many objects by id through $batch, 20 per request, transient failures retried (batch.ts), each
 * checked on its own: its data, or a GraphError (Graph's own, or one naming the endpoint for an answer
 * of the wrong shape). An id Graph left unanswered is absent, and is not "gone".
 */
export async function getBatchChecked<S extends z.ZodTypeAny>(
  graph: GraphClient,
  endpoint: Endpoint,
  ids: Iterable<string>,
  urlOf: (id: string) => string,
  schema: S,
): Promise<Map<string, { data: z.output<S> } | { error: GraphError }>> {
  const wanted = [...ids];
  const results = await batchGet(graph, wanted.map(urlOf), endpoint.permission);
  const answers = new Map<string, { data: z.output<S> } | { error: GraphError }>();
  for (const id of wanted) {
    const result = results.get(urlOf(id));
    if (!result) continue;
    answers.set(
      id,
      result.status !== 200
        ? { error: graphErrorFrom(result.status, result.body, undefined, endpoint.permission) }
        : parseAnswer(endpoint, schema, result.body),
    );
  }
  return answers;
}
