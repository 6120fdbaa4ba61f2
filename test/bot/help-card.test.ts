import assert from 'node:assert/strict';
import { renderCard } from '../../src/bot/cards/render';
import { helpCardData } from '../../src/bot/commands/help';
import type { Command } from '../../src/bot/commands/command';
import { cardProblems } from '../helpers/card-validator';

const sampleCommands: Command[] = [
  { name: 'help', usage: 'help', description: 'Show this list of commands.', handle: async () => {} },
  {
    name: 'inactive',
    usage: 'inactive [days]',
    description: 'Users with no activity for the given days.',
    handle: async () => {},
  },
];

describe('help card', () => {
  it('parses with the official adaptivecards package without warnings, under 28 KB', () => {
    const card = renderCard('help', helpCardData({ commands: () => sampleCommands, banner: 'Demo mode.' }, 'foo'));
    assert.deepEqual(cardProblems(card), []);
  });

  it('lists each command with its usage and description', () => {
    const card = renderCard('help', helpCardData({ commands: () => sampleCommands, banner: '' }));
    const body = JSON.stringify(card);
    assert.match(body, /"title":"inactive \[days\]","value":"Users with no activity/);
    assert.doesNotMatch(body, /\$\{/, 'no unexpanded template expression');
  });

  it('leaves out the banner and the unknown-text line when they are empty', () => {
    const card = renderCard('help', helpCardData({ commands: () => sampleCommands, banner: '' }));
    const body = JSON.stringify(card);
    assert.doesNotMatch(body, /"style":"warning"/);
    assert.doesNotMatch(body, /I don't know/);
  });

  it('the validator is not a rubber stamp: it reports an unknown element', () => {
    const problems = cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'NoSuchElement' }] });
    assert.equal(problems.length, 1);
  });
});

describe('help card usage lines', () => {
  it('show placeholders as ‹upn›, since Teams drops <…> in text as markup', () => {
    const card = renderCard(
      'help',
      helpCardData({
        commands: () => [{ name: 'user', usage: 'user <upn>', description: 'One user.', handle: async () => {} }],
        banner: '',
      }),
    );
    assert.match(JSON.stringify(card), /"title":"user ‹upn›"/);
  });
});
