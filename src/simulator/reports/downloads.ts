import { randomBytes } from 'node:crypto';
import type { ReportRequest } from './report-request';

/**
 * Pre-authenticated report download links (docs/graph-behaviour.md §4): short-lived, single-purpose, served on a
 * second origin so clients drop the bearer token on the redirect, and fetched without Authorization.
 */
const DOWNLOAD_LINK_TTL_MS = 5 * 60_000;

interface Ticket {
  readonly request: ReportRequest;
  readonly expiresAt: number;
}

export class DownloadStore {
  private readonly tickets = new Map<string, Ticket>();

  create(request: ReportRequest): string {
    const now = Date.now();
    for (const [token, ticket] of this.tickets) if (ticket.expiresAt <= now) this.tickets.delete(token);
    const token = randomBytes(24).toString('base64url');
    this.tickets.set(token, { request, expiresAt: now + DOWNLOAD_LINK_TTL_MS });
    return token;
  }

  find(token: string): ReportRequest | undefined {
    const ticket = this.tickets.get(token);
    if (!ticket || ticket.expiresAt <= Date.now()) return undefined;
    return ticket.request;
  }
}
