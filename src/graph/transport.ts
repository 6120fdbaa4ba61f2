import { Agent, fetch as undiciFetch } from 'undici';

export type FetchFn = (input: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * One HTTP connection pool for Graph, its report downloads and nothing else. An extra CA (the
 * simulator's, or a proxy's) is trusted by this pool only, never process-wide
 * (docs/local-endpoints.md §3: NODE_TLS_REJECT_UNAUTHORIZED=0 would also stop verifying Microsoft).
 * undici's own fetch is used with its own Agent: Node 20's global fetch bundles another undici
 * major, whose dispatcher interface differs.
 */
export function createTransport(ca?: string): { fetch: FetchFn; close(): Promise<void> } {
  const agent = new Agent({
    connections: 16,
    keepAliveTimeout: 30_000,
    ...(ca ? { connect: { ca } } : {}),
  });
  const fetchFn: FetchFn = (input, init) =>
    undiciFetch(input, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agent,
    }) as unknown as Promise<Response>;
  return { fetch: fetchFn, close: () => agent.close() };
}
