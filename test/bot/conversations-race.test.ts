import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { ConversationStore } from '../../src/bot/conversations/references';
import { ConversationRef, ConversationRefs, openStore } from '../../src/store';
import { testDatabase } from '../helpers/test-database';

describe('conversation references', () => {
  it('records a conversation once when installationUpdate and conversationUpdate arrive together', async () => {
    const database = await testDatabase();
    const store = await openStore(database.config);
    try {
      const refs = new ConversationStore(new ConversationRefs(store), () => new Date());
      const activity = (type: string) =>
        ({
          type,
          channelId: 'msteams',
          serviceUrl: 'http://localhost:1/_connector',
          conversation: { id: '19:licensing@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 't' },
          recipient: { id: '28:bot', name: 'License Steward' },
          from: { id: '29:a', name: 'Adele' },
        }) as Partial<Activity>;
      const results = await Promise.allSettled([
        refs.remember(activity('installationUpdate')),
        refs.remember(activity('conversationUpdate')),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'fulfilled'],
      );
      assert.equal(await store.getRepository(ConversationRef).count(), 1);
    } finally {
      await store.destroy();
      await database.cleanup();
    }
  });
});
