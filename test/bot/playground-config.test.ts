import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { NAMED_PEOPLE, startSimulator } from '../../src/simulator';

describe('Agents Playground configuration (demo mode)', () => {
  const config = parse(readFileSync(join(__dirname, '..', '..', '.m365agentsplayground.yml'), 'utf8')) as {
    tenantId: string;
    currentUser: { aadObjectId: string };
    users: { aadObjectId: string }[];
  };

  it('speaks as the demo tenant, which the bot serves (any other tenant is refused)', async () => {
    const sim = await startSimulator({ users: 50, seed: 1 });
    try {
      assert.equal(config.tenantId, sim.tenantId);
    } finally {
      await sim.stop();
    }
  });

  it('signs in as the demo admin, with at least five users of the demo tenant (the playground requires five)', () => {
    const adele = NAMED_PEOPLE.find((p) => p.key === 'adele')!;
    assert.equal(config.currentUser.aadObjectId, adele.id);
    assert.ok(config.users.length >= 5);
    for (const user of config.users)
      assert.ok(
        NAMED_PEOPLE.some((p) => p.id === user.aadObjectId),
        user.aadObjectId,
      );
  });
});
