import { request } from 'node:http';
import { connect } from 'node:net';

export interface UploadOutcome {
  status: number;
  body: string;
  /** Bytes handed to the socket when the answer arrived. */
  sentWhenAnswered: number;
  /** Whether the whole body had been written when the answer arrived. */
  finishedWhenAnswered: boolean;
}

export interface UploadOptions {
  /** Size of the whole body. */
  total: number;
  /** Declare the size in Content-Length; otherwise the body is sent chunked. */
  declareLength: boolean;
  headers?: Record<string, string>;
}

/**
 * POSTs a large JSON-looking body (`{"type":"message","text":"xxxx…`) as a stream, respecting
 * back-pressure, and stops writing as soon as the server answers. A server that answers before
 * reading the whole body shows it by `finishedWhenAnswered: false`, whatever the timing.
 */
export function streamUpload(url: string, options: UploadOptions): Promise<UploadOutcome> {
  const { total, declareLength } = options;
  const req = request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(declareLength ? { 'content-length': String(total) } : {}),
      ...options.headers,
    },
  });
  const prefix = Buffer.from('{"type":"message","text":"');
  const filler = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  let answered = false;
  return new Promise<UploadOutcome>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true;
      const outcome = { status: res.statusCode ?? 0, sentWhenAnswered: sent, finishedWhenAnswered: sent === total };
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ ...outcome, body: Buffer.concat(chunks).toString('utf8') });
        req.destroy();
      });
      res.on('error', reject);
    });
    // Once answered, the server closing the connection under the rest of the upload is expected.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        const piece = sent === 0 ? prefix : filler.subarray(0, Math.min(filler.length, total - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/**
 * POSTs the start of a body declared `declared` bytes long over a raw socket, writing `written`
 * bytes of it at once and more every few milliseconds, and reads nothing for `readAfterMs`: a
 * client busy uploading when the answer arrives. Then it reads the status line and keeps
 * uploading until the server cuts the connection (or `giveUpMs` passes).
 */
export function lateReader(
  url: string,
  options: { declared: number; written: number; readAfterMs: number; giveUpMs: number },
): Promise<{ status: string; cut: boolean }> {
  const { hostname, port, pathname } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  socket.pause();
  const piece = Buffer.alloc(64 * 1024, 'x');
  let writer: NodeJS.Timeout | undefined;
  let head = '';
  const status = () => (head.includes('\r\n') ? head.slice(0, head.indexOf('\r\n')) : '');
  return new Promise((resolve) => {
    const done = (cut: boolean, error?: string) => {
      clearInterval(writer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ status: status() || error || 'no answer', cut });
    };
    const giveUp = setTimeout(() => done(false), options.giveUpMs);
    socket.on('error', (error: NodeJS.ErrnoException) => done(true, error.code ?? error.message));
    socket.on('close', () => done(true));
    socket.once('connect', () => {
      socket.write(
        `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${options.declared}\r\n\r\n`,
      );
      socket.write(Buffer.alloc(options.written, 'x'));
      writer = setInterval(() => socket.write(piece), 5);
      setTimeout(() => {
        socket.on('data', (chunk: Buffer) => void (head += chunk.toString('latin1')));
        socket.resume();
      }, options.readAfterMs);
    });
  });
}
