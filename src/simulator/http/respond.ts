import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpResult } from './result';

/** Graph answers JSON with OData metadata in the content type. */
const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const MAX_BODY = 4 * 1024 * 1024;

export function send(res: ServerResponse, result: HttpResult): void {
  const body = result.json !== undefined ? Buffer.from(JSON.stringify(result.json)) : Buffer.from(result.text ?? '');
  const headers: Record<string, string> = {
    ...(result.json !== undefined ? { 'content-type': GRAPH_JSON } : {}),
    ...result.headers,
  };
  res.writeHead(result.status, { ...headers, 'content-length': String(body.length) });
  if (!result.truncate) {
    res.end(body);
    return;
  }
  // The dropped-connection fault: part of the body, then the socket goes away mid-page.
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new BodyTooLarge('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
