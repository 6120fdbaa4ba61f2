import assert from 'node:assert/strict';
import { TENANT_DOMAIN } from '../../src/simulator';
import { AuditEvent } from '../../src/store';
import { botAdded, installationUpdate, postActivity, READER, SCOPES } from '../helpers/activities';
import { cardProblems } from '../helpers/card-validator';
import { startHarness, text, type Harness } from './harness';

const ADELE = `AdeleV@${TENANT_DOMAIN}`;
const LYNNE = `LynneR@${TENANT_DOMAIN}`;

/** Every command (but `sync`, tested on its own) and what its answer must show. */
const ANSWERS: [command: string, shows: RegExp][] = [
  ['help', /summary \| Wasted licenses at a glance/],
  ['summary', /License waste summary/],
  ['inactive', /Inactive users/],
  ['inactive 60', /no sign-in or app activity for 60 days/],
  ['never', /Never signed in/],
  ['blocked', /Blocked, still licensed/],
  [`user ${LYNNE}`, /Lynne Robbins.*Users tab/],
  ['licenses', /Purchased \d/],
  ['downgrades', /Downgrade opportunities/],
  ['spend', /License spend/],
  ['runs', /Application Task Tracking.*Application Roster/],
  ['permissions', /Microsoft Graph permissions.*Directory.Read.All/],
  ['policy', /inactiveDays/],
  [`history ${ADELE}`, /History of Adele Vance/],
  ['digest', /Weekly digest/],
  ['digest now', /Weekly license digest/],
];

describe('bot commands (demo tenant, over HTTP)', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness({ sync: true });
  });
  after(async () => h.stop());

  for (const scope of SCOPES) {
    it(`answers every command in a ${scope === 'personal' ? 'personal chat' : scope === 'group' ? 'group chat' : 'channel (after the @mention)'} with a valid card`, async () => {
      for (const [command, shows] of ANSWERS) {
        const card = await h.card(command, scope);
        assert.match(text(card), shows, `"${command}" in ${scope}`);
        assert.doesNotMatch(text(card), /something went wrong|I don't know/, `"${command}" in ${scope}`);
        assert.deepEqual(cardProblems(card), [], `"${command}" in ${scope}`);
      }
    });
  }

  it('reads commands case-insensitively and with extra spaces', async () => {
    assert.match(text(await h.card('   SUMMARY   ')), /License waste summary/);
    assert.match(text(await h.card('Inactive     45  days')), /activity for 45 days/);
    assert.match(text(await h.card(`USER   ${LYNNE.toUpperCase()}`)), /Lynne Robbins/);
  });

  it('answers a wrong argument with what was wrong and an example that works', async () => {
    const cases: [string, RegExp, string][] = [
      ['inactive abc', /"abc" is not a number of days/, 'inactive 60'],
      ['inactive 0', /between 1 and 3650/, 'inactive 60'],
      ['user', /needs the user's sign-in name/, `user lynner@${TENANT_DOMAIN.toLowerCase()}`],
      ['user lynne', /"lynne" is not a user principal name/, 'user lynner@'],
      [`user ${LYNNE} extra`, /takes one user/, `user ${LYNNE}`],
      ['never mind', /takes no arguments/, 'For example: never'],
      ['sync everything', /"everything" is not a task/, 'sync roster'],
      ['digest maybe', /"maybe" is not something `digest` does/, 'digest subscribe'],
      ['policy set inactiveDays -3', /inactiveDays was not changed/, 'policy set inactiveDays 60'],
      ['policy frobnicate', /policy set <key> <value>/, 'policy set inactiveDays 60'],
    ];
    for (const [command, why, example] of cases) {
      const body = text(await h.card(command));
      assert.match(body, why, command);
      assert.ok(body.includes(example), `"${command}" shows an example containing "${example}": ${body}`);
    }
  });

  it('says so when a user is unknown, instead of an empty card', async () => {
    assert.match(text(await h.card(`user ghost@${TENANT_DOMAIN}`)), /No such user.*I know no user/);
    assert.match(text(await h.card(`history ghost@${TENANT_DOMAIN}`)), /No such user/);
  });

  it('answers text it does not know with help, in every scope', async () => {
    for (const scope of SCOPES) {
      const body = text(await h.card('please reclaim everything now', scope));
      assert.match(body, /I don't know "please reclaim everything now"/);
    }
  });

  it('refuses admin-only commands to people who are not admins, and records each refusal', async () => {
    const before = await h.app.store.getRepository(AuditEvent).countBy({ outcome: 'refused' });
    for (const command of [
      'sync',
      'sync roster',
      'policy',
      'policy set inactiveDays 30',
      'digest subscribe',
      'digest schedule 0 8 * * 1',
    ]) {
      const body = text(await h.card(command, 'group', { from: READER }));
      assert.match(body, /Only License Steward admins can do that/, command);
    }
    const after = await h.app.store.getRepository(AuditEvent).countBy({ outcome: 'refused' });
    assert.equal(after - before, 6);
    // Reading stays open to everyone in the tenant.
    assert.match(text(await h.card('summary', 'group', { from: READER })), /License waste summary/);
    assert.match(text(await h.card('digest now', 'group', { from: READER })), /Weekly license digest/);
  });

  it('changes the policy for an admin, audited, and the lists follow it', async () => {
    assert.match(text(await h.card('policy set inactiveDays 45')), /Policy changed.*inactiveDays.*45.*was 90/);
    assert.match(text(await h.card('inactive')), /activity for 45 days/);
    assert.match(text(await h.card('policy set inactiveDays 90')), /Policy changed/);
    const audit = await h.app.store.getRepository(AuditEvent).findBy({ action: 'policy.set', outcome: 'ok' });
    assert.ok(audit.length >= 2);
  });

  it('treats members of a configured admin group as admins (checked in Entra ID)', async () => {
    const admins = h.app.bot.services.admins;
    const excludedGroup = '7d1c3f0a-52a4-4f6e-9d0b-3e1f8c2a6b04'; // the demo tenant's "License Steward - Excluded": Patti is a member
    await admins.set({ users: [], groups: [excludedGroup] }, 'test');
    try {
      const patti = { id: '29:patti', name: 'Patti Fernandez', aadObjectId: '0b5c2c1e-6f3a-4d2b-9a61-5e0f4c3b2a10' };
      assert.match(text(await h.card('policy', 'personal', { from: patti })), /inactiveDays/);
      assert.match(
        text(await h.card('policy', 'personal')),
        /Only License Steward admins/,
        'Adele is no admin once the setting names only the group',
      );
    } finally {
      await admins.set({ users: ['1f8a7b9c-2d3e-4f50-8a1b-2c3d4e5f6a01'], groups: [] }, 'test');
    }
  });

  it('stores the conversation on first contact and on installation, and marks it removed on uninstall', async () => {
    const conversations = h.app.bot.services.conversations;
    await h.send('help', 'group', { conversationId: '19:first-contact@unq.gbl.spaces' });
    assert.equal((await conversations.get('19:first-contact@unq.gbl.spaces'))?.conversationType, 'groupChat');
    const before = h.connector.messages().length;
    await postActivity(h.app.endpoint, botAdded(h.chat, 'channel', { conversationId: '19:new-team@thread.tacv2' }));
    const stored = await conversations.get('19:new-team@thread.tacv2');
    assert.equal(stored?.conversationType, 'channel');
    assert.equal(stored?.removedAt, null);
    assert.match(text(h.connector.messages()[before]?.attachments?.[0]?.content), /License Steward/, 'a welcome card');
    await postActivity(
      h.app.endpoint,
      installationUpdate(h.chat, 'channel', 'remove', { conversationId: '19:new-team@thread.tacv2' }),
    );
    assert.notEqual((await conversations.get('19:new-team@thread.tacv2'))?.removedAt, null);
  });
});
