import { chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startSimulator } from './start';
import { selfSignedCertificate } from './tls/self-signed';

/**
 * `npm run sim -- --users 5000 --seed 7 --port 5599 [--throttle documented] [--time-scale 0.01]`
 * Starts the tenant simulator, prints the environment lines that point License Steward at it, and runs
 * until interrupted. Bad arguments: a message on stderr and exit code 2. `--credential certificate`
 * uploads a fresh certificate to the simulated app registration and writes it with its private key
 * to `--certificate-file` (GRAPH_CLIENT_CERTIFICATE_PATH) instead of printing the client secret.
 */
const USAGE = `usage: npm run sim -- [--users N] [--seed N] [--port N] [--throttle off|documented]
                      [--time-scale F] [--signin-page-cap 120|500] [--ca-file PATH]
                      [--credential secret|certificate] [--certificate-file PATH]`;

const int = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().min(min).max(max));

const argsSchema = z.object({
  users: int(14, 1_000_000).default('5000'),
  seed: int(0, 0xffffffff).default('1'),
  port: int(0, 65535).default('5599'),
  throttle: z.enum(['off', 'documented']).default('off'),
  'time-scale': z.string().transform(Number).pipe(z.number().positive().max(100)).default('1'),
  'signin-page-cap': z
    .enum(['120', '500'])
    .transform((v) => (v === '120' ? 120 : 500) as 120 | 500)
    .default('500'),
  'ca-file': z.string().min(1).default(join(tmpdir(), 'license-steward-simulator-ca.pem')),
  credential: z.enum(['secret', 'certificate']).default('secret'),
  'certificate-file': z.string().min(1).default(join(tmpdir(), 'license-steward-simulator-client.pem')),
});

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      options: Object.fromEntries(Object.keys(argsSchema.shape).map((k) => [k, { type: 'string' as const }])),
      strict: true,
    }).values as Record<string, string | undefined>;
  } catch (e) {
    fail((e as Error).message);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  const a = parsed.data;
  // The simulator must never stand in for a tenant someone configured for real.
  const real = [
    'GRAPH_TENANT_ID',
    'GRAPH_CLIENT_ID',
    'GRAPH_CLIENT_SECRET',
    'GRAPH_CLIENT_CERTIFICATE_PATH',
    'GRAPH_MANAGED_IDENTITY_CLIENT_ID',
  ].filter((name) => process.env[name]?.trim());
  if (real.length)
    fail(
      `${real.join(', ')} ${real.length === 1 ? 'is' : 'are'} set for a real tenant: the simulator does not start. Unset ${real.length === 1 ? 'it' : 'them'} to run it.`,
    );
  const started = performance.now();
  const certificate =
    a.credential === 'certificate' ? selfSignedCertificate('License Steward (simulated tenant)') : undefined;
  const sim = await startSimulator({
    users: a.users,
    seed: a.seed,
    port: a.port,
    throttle: a.throttle,
    timeScale: a['time-scale'],
    signInActivityPageCap: a['signin-page-cap'],
    ...(certificate ? { clientCertificates: [certificate.certificatePem] } : {}),
  });
  writeFileSync(a['ca-file'], sim.ca);
  // The private key is readable by this user only, like any credential file.
  if (certificate) {
    writeFileSync(a['certificate-file'], `${certificate.privateKeyPem}${certificate.certificatePem}`, { mode: 0o600 });
    chmodSync(a['certificate-file'], 0o600);
  }
  process.stdout.write(
    [
      `# License Steward tenant simulator: ${a.users} users, seed ${a.seed}, ready in ${Math.round(performance.now() - started)} ms`,
      `# Graph ${sim.url}/v1.0  |  control ${sim.url}/_sim/truth/summary  |  Ctrl+C stops it`,
      `GRAPH_BASE_URL=${sim.url}`,
      `GRAPH_AUTHORITY_HOST=${sim.authorityHost}`,
      `GRAPH_TENANT_ID=${sim.tenantId}`,
      `GRAPH_CLIENT_ID=${sim.clientId}`,
      certificate
        ? `GRAPH_CLIENT_CERTIFICATE_PATH=${a['certificate-file']}`
        : `GRAPH_CLIENT_SECRET=${sim.clientSecret}`,
      `GRAPH_CA_FILE=${a['ca-file']}`,
      '',
    ].join('\n'),
  );
  const stop = () => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => fail(`the simulator could not start: ${(e as Error).message}`));
