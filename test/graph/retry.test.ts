import assert from 'node:assert/strict';
import { DEFAULT_RETRY, retryDelayMs } from '../../src/graph/retry';
import { rolesOf } from '../../src/graph/auth';
import { graphErrorFrom } from '../../src/graph/errors';

describe('graph retry delay', () => {
  const options = { ...DEFAULT_RETRY, random: () => 1 };

  it('honours a fractional Retry-After in seconds', () => {
    assert.equal(retryDelayMs(1, '2.128', options), 2128);
  });

  it('honours Retry-After given as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryDelayMs(1, 'Thu, 01 Jan 2026 00:00:05 GMT', options, now), 5000);
  });

  it('backs off exponentially, capped, when no Retry-After is given', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((a) => retryDelayMs(a, null, options)),
      [500, 1000, 2000, 4000],
    );
    assert.equal(retryDelayMs(20, null, options), DEFAULT_RETRY.maxDelayMs);
  });

  it('spreads retries with full jitter', () => {
    assert.equal(retryDelayMs(3, null, { ...options, random: () => 0.25 }), 500);
  });

  it('falls back to backoff on a malformed Retry-After', () => {
    assert.equal(retryDelayMs(1, 'soon', options), 500);
  });
});

describe('token roles', () => {
  it('reads the roles claim of a JWT', () => {
    const payload = Buffer.from(JSON.stringify({ roles: ['Directory.Read.All', 'Reports.Read.All'] })).toString(
      'base64url',
    );
    assert.deepEqual(rolesOf(`e30.${payload}.sig`), ['Directory.Read.All', 'Reports.Read.All']);
  });

  it('has no roles for a token issued before admin consent, or garbage', () => {
    assert.deepEqual(rolesOf(`e30.${Buffer.from('{}').toString('base64url')}.x`), []);
    assert.deepEqual(rolesOf('not-a-jwt'), []);
  });
});

describe('graph errors', () => {
  it('names the permission to grant on a permission 403, and keeps code and request id', () => {
    const error = graphErrorFrom(
      403,
      {
        error: {
          code: 'Authentication_MSGraphPermissionMissing',
          message: 'Calling principal does not have required MSGraph permissions AuditLog.Read.All',
          innerError: { 'request-id': 'r-1' },
        },
      },
      undefined,
      'AuditLog.Read.All',
    );
    assert.equal(error.code, 'Authentication_MSGraphPermissionMissing');
    assert.equal(error.requestId, 'r-1');
    assert.equal(error.permission, 'AuditLog.Read.All');
    assert.match(error.message, /Grant the application permission AuditLog\.Read\.All/);
  });

  it('says that a tenant without Entra ID P1 cannot give sign-in data', () => {
    const error = graphErrorFrom(
      403,
      {
        error: {
          code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
          message: "Neither tenant is B2C or tenant doesn't have premium license",
        },
      },
      'h-1',
    );
    assert.ok(error.isNonPremiumTenant);
    assert.match(error.message, /Entra ID P1 or P2/);
    assert.equal(error.requestId, 'h-1');
  });

  it('copes with a body that is not the Graph envelope', () => {
    const error = graphErrorFrom(502, 'Bad gateway', undefined);
    assert.equal(error.code, 'HTTP502');
    assert.equal(error.status, 502);
  });
});
