import assert from 'node:assert/strict';
import { findingsPageSchema } from '../../src/bot/actions/findings-page';
import { ALL_VERBS, VERBS } from '../../src/bot/actions/verbs';
import { ACTIONS } from '../../src/bot/actions';
import { adminsSchema } from '../../src/bot/auth/admins';
import { tenantOf } from '../../src/bot/auth/served-tenant';
import { parseCommandText, ArgumentError } from '../../src/bot/commands/command';
import { parseDays } from '../../src/bot/commands/inactive';
import { upnArgument } from '../../src/bot/commands/upn-argument';
import { digestScheduleSchema } from '../../src/bot/digest/schedule-setting';

describe('bot input schemas', () => {
  it('every verb in the map has exactly one handler, and every handler uses a verb of the map', () => {
    assert.deepEqual(ACTIONS.map((a) => a.verb).sort(), [...ALL_VERBS].sort());
  });

  it('accepts the paging data a list card sends, and nothing else', () => {
    assert.ok(findingsPageSchema.safeParse({ list: 'inactive', page: 2 }).success);
    assert.ok(findingsPageSchema.safeParse({ list: 'inactive', page: 2, days: 60 }).success);
    for (const bad of [
      { list: 'all', page: 1 },
      { list: 'never', page: 0 },
      { list: 'never', page: 1.5 },
      { list: 'never', page: '2' },
      { list: 'never', page: 1, days: 0 },
      { list: 'never', page: 1, verb: VERBS.summary },
      null,
    ]) {
      assert.equal(findingsPageSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  it('reads the admins setting as lower-case ids and refuses unknown keys', () => {
    assert.deepEqual(adminsSchema.parse({ users: [' AbC@Contoso.com '], groups: ['G1'] }), {
      users: ['abc@contoso.com'],
      groups: ['g1'],
    });
    assert.deepEqual(adminsSchema.parse({}), { users: [], groups: [] });
    assert.equal(adminsSchema.safeParse({ users: [], everyone: true }).success, false);
  });

  it('accepts a cron pattern with an IANA time zone for the digest, and refuses nonsense', () => {
    assert.ok(digestScheduleSchema.safeParse({ cron: '0 9 * * 1', timezone: 'Europe/Berlin' }).success);
    assert.equal(digestScheduleSchema.safeParse({ cron: 'every monday', timezone: 'UTC' }).success, false);
    assert.equal(digestScheduleSchema.safeParse({ cron: '0 9 * * 1', timezone: 'Mars/Olympus' }).success, false);
  });

  it('splits commands case-insensitively, collapsing spaces', () => {
    assert.deepEqual(parseCommandText('  INACTIVE    60   days '), { word: 'inactive', args: '60 days' });
    assert.deepEqual(parseCommandText(undefined), { word: '', args: '' });
    assert.deepEqual(parseCommandText('<p>user&nbsp;<a href="mailto:LynneR@contoso.com">LynneR@contoso.com</a></p>'), {
      word: 'user',
      args: 'LynneR@contoso.com',
    });
  });

  it('reads days as a whole number between 1 and 3650, with an optional "days"', () => {
    assert.equal(parseDays(''), undefined);
    assert.equal(parseDays('60'), 60);
    assert.equal(parseDays('60 days'), 60);
    assert.equal(parseDays('7d'), 7);
    for (const bad of ['0', '3651', 'sixty', '6o', '-5', '1.5'])
      assert.throws(() => parseDays(bad), ArgumentError, bad);
  });

  it('reads a UPN, also when Teams turned it into a mail link', () => {
    assert.equal(upnArgument('LynneR@contoso.com', 'user').upn, 'lynner@contoso.com');
    assert.equal(
      upnArgument('<a href="mailto:LynneR@contoso.com">LynneR@contoso.com</a>', 'user').upn,
      'lynner@contoso.com',
    );
    assert.throws(() => upnArgument('lynne', 'user'), /not a user principal name/);
    assert.throws(() => upnArgument('', 'history'), /needs the user's sign-in name/);
  });

  it('trusts the tenant of an activity only when conversation and channel data agree', () => {
    assert.equal(
      tenantOf({ conversation: { tenantId: 'AAA' } as never, channelData: { tenant: { id: 'aaa' } } }),
      'aaa',
    );
    assert.equal(tenantOf({ channelData: { tenant: { id: 'bbb' } } }), 'bbb');
    assert.equal(
      tenantOf({ conversation: { tenantId: 'aaa' } as never, channelData: { tenant: { id: 'bbb' } } }),
      undefined,
    );
    assert.equal(tenantOf({}), undefined);
  });
});
