import type { IncomingMessage } from 'node:http';

/**
 * The largest request body any route reads. A Teams activity is a few KB, and Teams caps a message
 * with a card at 28 KB (test/helpers/card-validator.ts), so even an invoke carrying a whole card
 * back is far below 1 MB; the limit keeps a hostile upload from costing more than that in memory.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export type JsonBody =
  { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 413 | 415; error: string };

/**
 * Reads a JSON object body, refusing before reading what cannot be accepted: a declared
 * Content-Length over the limit (413), another content type or an encoding we do not undo (415).
 * A body without a length (chunked) is read only up to the limit: past it, reading stops and the
 * answer is 413; the caller closes the connection so the rest is never received.
 */
export async function readJsonBody(req: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<JsonBody> {
  const mediaType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json')
    return { ok: false, status: 415, error: 'content type must be application/json' };
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') return { ok: false, status: 415, error: 'content encoding not supported' };
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return { ok: false, status: 413, error: 'payload too large' };

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Not destroyed on leaving the loop early: the socket must stay open to carry the 413.
    for await (const chunk of req.iterator({ destroyOnReturn: false })) {
      size += (chunk as Buffer).length;
      // Leaving the loop stops reading: the rest of the body is never buffered.
      if (size > limit) return { ok: false, status: 413, error: 'payload too large' };
      chunks.push(chunk as Buffer);
    }
  } catch {
    // The client went away mid-upload; nobody reads this answer.
    return { ok: false, status: 400, error: 'body not received' };
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return { ok: false, status: 400, error: 'empty body' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, error: 'malformed JSON' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, status: 400, error: 'body must be a JSON object' };
  return { ok: true, body: body as Record<string, unknown> };
}
