import assert from 'node:assert/strict';
import { DEFAULT_GRANTS, NAMED_PEOPLE_IDS } from '../../src/simulator';
import { createSigner, signJwt } from '../../src/simulator/auth/jwt';
import { SIMULATOR_KEY_PEM } from '../../src/simulator/tls/pem';
import {
  credentialFor,
  GRAPH_SCOPE,
  raw,
  startTestSimulator,
  type GraphErrorBody,
  type TestSimulator,
} from './helpers';

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

describe('simulator: permissions from the token', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
  });
  after(async () => t.close());
  afterEach(() => {
    t.sim.control.setFaults({
      grant: [...DEFAULT_GRANTS],
      premium: true,
      permissionMode: 'immediate',
      signInsRequireDirectoryRead: false,
    });
  });

  const expect403 = async (path: string, code: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await raw(t, init.method ?? 'GET', path, init.body === undefined ? {} : { body: init.body });
    assert.equal(res.status, 403, `${path}: ${res.text}`);
    assert.equal(res.json<GraphErrorBody>().error.code, code);
    return res.json<GraphErrorBody>().error;
  };

  it('refuses /users, /subscribedSkus and groups with Authorization_RequestDenied without a directory role', async () => {
    t.sim.control.setFaults({ revoke: ['Directory.Read.All'] });
    await expect403('/v1.0/users', 'Authorization_RequestDenied');
    await expect403('/v1.0/subscribedSkus', 'Authorization_RequestDenied');
    await expect403(`/v1.0/users/${NAMED_PEOPLE_IDS['lee']}/memberOf`, 'Authorization_RequestDenied');
  });

  it('refuses signInActivity without AuditLog.Read.All with Authentication_MSGraphPermissionMissing', async () => {
    t.sim.control.setFaults({ revoke: ['AuditLog.Read.All'] });
    const error = await expect403('/v1.0/users?$select=id,signInActivity', 'Authentication_MSGraphPermissionMissing');
    assert.match(error.message, /AuditLog\.Read\.All/);
    await expect403('/v1.0/auditLogs/signIns', 'Authentication_MSGraphPermissionMissing');
    assert.equal((await raw(t, 'GET', '/v1.0/users?$select=id')).status, 200);
  });

  it('refuses sign-in data in a tenant without Entra ID P1 with Authentication_RequestFromNonPremiumTenantOrB2CTenant', async () => {
    t.sim.control.setFaults({ premium: false });
    await expect403('/v1.0/users?$select=id,signInActivity', 'Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    await expect403('/v1.0/auditLogs/signIns', 'Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    await expect403(
      '/beta/reports/authenticationMethods/userRegistrationDetails',
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
    );
  });

  it('lets registration details through with UserAuthenticationMethod.Read.All alone, not with Directory.Read.All alone', async () => {
    t.sim.control.setFaults({ revoke: ['AuditLog.Read.All'] });
    assert.equal((await raw(t, 'GET', '/beta/reports/authenticationMethods/userRegistrationDetails')).status, 200);
    t.sim.control.setFaults({ revoke: ['UserAuthenticationMethod.Read.All'] });
    await expect403(
      '/v1.0/reports/authenticationMethods/userRegistrationDetails',
      'Authentication_MSGraphPermissionMissing',
    );
  });

  it('refuses usage reports without Reports.Read.All', async () => {
    t.sim.control.setFaults({ revoke: ['Reports.Read.All'] });
    await expect403("/v1.0/reports/getOffice365ActiveUserDetail(period='D30')", 'Authorization_RequestDenied');
  });

  it('refuses assignLicense without a license-writing role', async () => {
    t.sim.control.setFaults({ revoke: ['LicenseAssignment.ReadWrite.All'] });
    await expect403(`/v1.0/users/${NAMED_PEOPLE_IDS['lynne']}/assignLicense`, 'Authorization_RequestDenied', {
      method: 'POST',
      body: { addLicenses: [], removeLicenses: [E3] },
    });
    t.sim.control.setFaults({ grant: ['User.ReadWrite.All'] });
    const user = await raw(t, 'GET', `/v1.0/users/${NAMED_PEOPLE_IDS['lynne']}?$select=assignedLicenses`);
    assert.ok(
      user.json<{ assignedLicenses: { skuId: string }[] }>().assignedLicenses.some((l) => l.skuId === E3),
      'nothing changed',
    );
  });

  it('also demands Directory.Read.All for sign-ins when the older documented rule is switched on', async () => {
    t.sim.control.setFaults({ signInsRequireDirectoryRead: true, revoke: ['Directory.Read.All'] });
    await expect403('/v1.0/auditLogs/signIns?$top=1', 'Authorization_RequestDenied');
    t.sim.control.setFaults({ signInsRequireDirectoryRead: false });
    assert.equal((await raw(t, 'GET', '/v1.0/auditLogs/signIns?$top=1')).status, 200);
  });

  it('in nextToken mode checks the roles in the token: a revocation reaches only the next token', async () => {
    t.sim.control.setFaults({ permissionMode: 'nextToken' });
    const before = await t.token();
    t.sim.control.setFaults({ revoke: ['Reports.Read.All'] });
    const report = "/v1.0/reports/getEmailActivityUserDetail(period='D7')";
    assert.equal((await raw(t, 'GET', report, { token: before })).status, 302);
    const fresh = (await credentialFor(t.sim).getToken(GRAPH_SCOPE)).token;
    const roles = (
      JSON.parse(Buffer.from(fresh.split('.')[1] ?? '', 'base64url').toString('utf8')) as { roles: string[] }
    ).roles;
    assert.ok(!roles.includes('Reports.Read.All'));
    assert.equal((await raw(t, 'GET', report, { token: fresh })).status, 403);
  });

  it('answers 401 for an expired token signed with the right key', async () => {
    const signer = createSigner(SIMULATOR_KEY_PEM);
    const past = Math.floor(Date.now() / 1000) - 7200;
    const expired = signJwt(signer, {
      aud: 'https://graph.microsoft.com',
      tid: t.sim.tenantId,
      appid: t.sim.clientId,
      roles: [...DEFAULT_GRANTS],
      iat: past,
      nbf: past,
      exp: past + 3599,
      uti: Buffer.from('1.x').toString('base64url'),
    });
    const res = await raw(t, 'GET', '/v1.0/users?$top=1', { token: expired });
    assert.equal(res.status, 401);
    const error = res.json<GraphErrorBody>().error;
    assert.equal(error.code, 'InvalidAuthenticationToken');
    assert.match(error.message, /expired/);
  });

  it('invalidates every token issued so far on request (401), and accepts the next one', async () => {
    const old = await t.token();
    t.sim.control.setFaults({ invalidateTokens: true });
    const res = await raw(t, 'GET', '/v1.0/users?$top=1', { token: old });
    assert.equal(res.status, 401);
    assert.equal(res.json<GraphErrorBody>().error.code, 'InvalidAuthenticationToken');
    assert.ok(res.headers['www-authenticate']?.startsWith('Bearer'));
    const fresh = (await credentialFor(t.sim).getToken(GRAPH_SCOPE)).token;
    assert.equal((await raw(t, 'GET', '/v1.0/users?$top=1', { token: fresh })).status, 200);
  });
});
