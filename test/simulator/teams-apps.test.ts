import assert from 'node:assert/strict';
import { DEFAULT_GRANTS, NAMED_PEOPLE_IDS, STEWARD_CATALOG_APP_ID } from '../../src/simulator';
import { raw, startTestSimulator, type GraphErrorBody, type TestSimulator } from './helpers';

const INSTALL = 'TeamsAppInstallation.ReadWriteForUser.All';

describe("simulator: apps in a user's personal scope (teamwork/installedApps)", () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator({ users: 300, grants: [...DEFAULT_GRANTS, INSTALL] });
  });
  after(async () => t.close());

  const lynne = NAMED_PEOPLE_IDS['lynne']!;
  const adele = NAMED_PEOPLE_IDS['adele']!;
  const apps = (user: string) => `/v1.0/users/${user}/teamwork/installedApps`;
  const filtered = (user: string) =>
    `${apps(user)}?$expand=teamsApp&$filter=${encodeURIComponent(`teamsApp/id eq '${STEWARD_CATALOG_APP_ID}'`)}`;
  const bind = (id: string) => ({
    'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${id}`,
  });
  const error = (res: { json<T>(): T }) => res.json<GraphErrorBody>().error;

  it('lists nothing, installs with 201 and no body, then lists the installation and its chat; a second install is 409', async () => {
    assert.deepEqual((await raw(t, 'GET', filtered(lynne))).json<{ value: unknown[] }>().value, []);
    const installed = await raw(t, 'POST', apps(lynne), { body: bind(STEWARD_CATALOG_APP_ID) });
    assert.equal(installed.status, 201, installed.text);
    assert.equal(installed.text, '');
    const list = (await raw(t, 'GET', filtered(lynne))).json<{ value: { id: string; teamsApp: { id: string } }[] }>()
      .value;
    assert.equal(list.length, 1);
    assert.equal(list[0]!.teamsApp.id, STEWARD_CATALOG_APP_ID);
    const chat = await raw(t, 'GET', `${apps(lynne)}/${list[0]!.id}/chat`);
    assert.equal(chat.status, 200, chat.text);
    assert.match(chat.json<{ id: string }>().id, /^19:.+@unq\.gbl\.spaces$/);
    assert.equal(chat.json<{ chatType: string }>().chatType, 'oneOnOne');
    const again = await raw(t, 'POST', apps(lynne), { body: bind(STEWARD_CATALOG_APP_ID) });
    assert.equal(again.status, 409);
    assert.equal(error(again).code, 'Conflict');
    assert.deepEqual(
      t.sim.control.installedApps(lynne).map((i) => i.appId),
      [STEWARD_CATALOG_APP_ID],
    );
  });

  it("refuses an app outside the catalog (404), a body without the bind (400), an unknown installation's chat (404), another filter (400)", async () => {
    const unknown = await raw(t, 'POST', apps(adele), { body: bind('00000000-0000-4000-8000-000000000001') });
    assert.equal(unknown.status, 404);
    assert.match(error(unknown).message, /not in the organisation's app catalog/);
    assert.equal((await raw(t, 'POST', apps(adele), { body: { teamsApp: STEWARD_CATALOG_APP_ID } })).status, 400);
    assert.equal((await raw(t, 'GET', `${apps(adele)}/bm9uZQ/chat`)).status, 404);
    assert.equal(
      (await raw(t, 'GET', `${apps(adele)}?$filter=${encodeURIComponent("displayName eq 'x'")}`)).status,
      400,
    );
    assert.deepEqual(t.sim.control.installedApps(adele), []);
  });

  it('answers 404 for a user without Teams and for an unknown user, 403 without the permission; each call is in the call log', async () => {
    t.sim.control.setTeams(adele, false);
    try {
      const noTeams = await raw(t, 'POST', apps(adele), { body: bind(STEWARD_CATALOG_APP_ID) });
      assert.equal(noTeams.status, 404);
      assert.match(error(noTeams).message, /not enabled for Microsoft Teams/);
    } finally {
      t.sim.control.setTeams(adele, true);
    }
    assert.equal((await raw(t, 'GET', apps('00000000-0000-4000-8000-00000000abcd'))).status, 404);
    t.sim.control.setFaults({ revoke: [INSTALL] });
    try {
      const denied = await raw(t, 'POST', apps(adele), { body: bind(STEWARD_CATALOG_APP_ID) });
      assert.equal(denied.status, 403);
      assert.equal(error(denied).code, 'Authorization_RequestDenied');
    } finally {
      t.sim.control.setFaults({ grant: [INSTALL] });
    }
    assert.deepEqual(t.sim.control.installedApps(adele), []);
    const logged = t.sim.control.calls().filter((c) => c.path.includes('/teamwork/installedApps'));
    assert.ok(logged.some((c) => c.method === 'POST' && c.status === 403));
  });
});
