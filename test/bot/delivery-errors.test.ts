import assert from 'node:assert/strict';
import { backoffMs, classifyDeliveryError, DEFAULT_BACKOFF } from '../../src/bot/digest/delivery-errors';

const NOW = new Date('2025-11-24T09:00:00Z');
function httpError(statusCode: number, retryAfter?: string) {
  return Object.assign(new Error(`HTTP ${statusCode}`), {
    statusCode,
    response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } },
  });
}

describe('digest delivery errors', () => {
  it('marks a conversation gone on 403 and 404, never retrying', () => {
    assert.equal(classifyDeliveryError(httpError(403), NOW).kind, 'gone');
    assert.equal(classifyDeliveryError(httpError(404), NOW).kind, 'gone');
  });

  it('retries 429, 412, 5xx and network failures, honouring Retry-After', () => {
    for (const status of [429, 412, 500, 502, 503, 504])
      assert.equal(classifyDeliveryError(httpError(status), NOW).kind, 'retry', String(status));
    assert.equal(
      classifyDeliveryError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), NOW).kind,
      'retry',
    );
    const seconds = classifyDeliveryError(httpError(429, '7'), NOW);
    assert.equal(seconds.kind === 'retry' && seconds.retryAfterMs, 7000);
    const date = classifyDeliveryError(httpError(503, 'Mon, 24 Nov 2025 09:00:30 GMT'), NOW);
    assert.equal(date.kind === 'retry' && date.retryAfterMs, 30_000);
  });

  it('gives up at once on other client errors', () => {
    assert.equal(classifyDeliveryError(httpError(400), NOW).kind, 'failed');
    assert.equal(classifyDeliveryError(httpError(401), NOW).kind, 'failed');
  });

  it('backs off exponentially with bounded jitter, up to the cap', () => {
    assert.equal(
      backoffMs(1, DEFAULT_BACKOFF, () => 0),
      1000,
    );
    assert.equal(
      backoffMs(3, DEFAULT_BACKOFF, () => 0),
      4000,
    );
    assert.equal(
      backoffMs(3, DEFAULT_BACKOFF, () => 1),
      5000,
    );
    assert.equal(
      backoffMs(40, DEFAULT_BACKOFF, () => 0),
      DEFAULT_BACKOFF.maxMs,
    );
  });
});
