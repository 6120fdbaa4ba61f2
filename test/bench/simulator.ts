import { parseArgs } from 'node:util';
import { ClientSecretCredential } from '@azure/identity';
import { Agent, request } from 'undici';
import { startSimulator } from '../../src/simulator';

/**
 * Tenant simulator figures against the budgets of docs/architecture.md §7: time and memory to generate a tenant (target: 200,000 users in
 * under 10 s and 1 GB), and /users paging over real HTTPS with $top=999 and $select (target: at least
 * 20,000 users per second), with a token from the official credential; and one streamed report CSV.
 */
const SELECT = 'id,userPrincipalName,displayName,accountEnabled,assignedLicenses,userType';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export async function benchSimulator(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({ args: [...argv], options: { users: { type: 'string' }, seed: { type: 'string' } } });
  const users = Number(values.users ?? 200_000);
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(users) || users < 14 || !Number.isInteger(seed))
    throw new Error('--users and --seed must be whole numbers');

  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const sim = await startSimulator({ users, seed });
  const generationMs = performance.now() - started;
  const memory = process.memoryUsage();
  console.log(
    `generation   ${users} users in ${(generationMs / 1000).toFixed(2)} s; heap ${mb(memory.heapUsed)}, rss ${mb(memory.rss)} (+${mb(memory.rss - rssBefore)})`,
  );

  try {
    const credential = new ClientSecretCredential(sim.tenantId, sim.clientId, sim.clientSecret, {
      authorityHost: sim.authorityHost,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: sim.ca },
    });
    const token = (await credential.getToken('https://graph.microsoft.com/.default')).token;
    const dispatcher = new Agent({ connect: { ca: sim.ca }, keepAliveTimeout: 30_000 });
    let next: string | undefined = `${sim.url}/v1.0/users?$top=999&$select=${SELECT}`;
    let pages = 0;
    let seen = 0;
    let bytes = 0;
    const pagingStarted = performance.now();
    while (next) {
      const res = await request(next, { dispatcher, headers: { authorization: `Bearer ${token}` } });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`page ${pages + 1}: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
      const page = JSON.parse(text) as { value: unknown[]; '@odata.nextLink'?: string };
      bytes += text.length;
      seen += page.value.length;
      pages++;
      next = page['@odata.nextLink'];
    }
    const seconds = (performance.now() - pagingStarted) / 1000;
    console.log(
      `paging       ${seen} users in ${pages} pages, ${seconds.toFixed(2)} s: ${Math.round(seen / seconds)} users/s, ${mb(bytes / seconds)}/s`,
    );
    const reportStarted = performance.now();
    const redirect = await request(`${sim.url}/v1.0/reports/getOffice365ActiveUserDetail(period='D30')`, {
      dispatcher,
      headers: { authorization: `Bearer ${token}` },
    });
    await redirect.body.dump();
    const csv = await request(String(redirect.headers['location']), { dispatcher });
    let csvBytes = 0;
    let rows = 0;
    for await (const chunk of csv.body) {
      const buffer = chunk as Buffer;
      csvBytes += buffer.length;
      for (const byte of buffer) if (byte === 10) rows++;
    }
    const reportSeconds = (performance.now() - reportStarted) / 1000;
    console.log(
      `report csv   getOffice365ActiveUserDetail D30: ${rows - 1} rows, ${mb(csvBytes)} in ${reportSeconds.toFixed(2)} s (${Math.round((rows - 1) / reportSeconds)} rows/s)`,
    );
    await dispatcher.close();
    const after = process.memoryUsage();
    console.log(`after paging heap ${mb(after.heapUsed)}, rss ${mb(after.rss)}`);
  } finally {
    await sim.stop();
  }
}
