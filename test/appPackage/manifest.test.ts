import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import zlib from 'node:zlib';
import { ManifestUtil, TeamsAppManifest } from '@microsoft/app-manifest';

const root = path.resolve(__dirname, '..', '..');
const appPackage = path.join(root, 'appPackage');

/** Every command the bot understands (first word of a message). */
const KNOWN_COMMANDS = [
  'help',
  'summary',
  'inactive',
  'never',
  'blocked',
  'user',
  'licenses',
  'downgrades',
  'spend',
  'runs',
  'sync',
  'permissions',
  'policy',
  'approvals',
  'history',
  'reclaim',
  'digest',
];

/** Sample values for the Agents Toolkit placeholders, as provisioning would fill them in. */
const SAMPLE_ENV: Record<string, string> = {
  TEAMS_APP_ID: '3f0b6d3a-5c1e-4d2b-9a7f-1b2c3d4e5f60',
  BOT_ID: '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4',
  BOT_DOMAIN: 'localhost',
  APP_NAME_SUFFIX: '',
};

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function substitute(text: string, env: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const value = env[name];
    if (value === undefined) throw new Error(`manifest uses a placeholder without a sample value: ${name}`);
    return value;
  });
}

function manifestText(): string {
  return fs.readFileSync(path.join(appPackage, 'manifest.json'), 'utf8');
}

function loadManifest(env: Record<string, string> = SAMPLE_ENV): TeamsAppManifest {
  return JSON.parse(substitute(manifestText(), env)) as TeamsAppManifest;
}

type Schema = Parameters<typeof ManifestUtil.validateManifestAgainstSchema<TeamsAppManifest>>[1];

/** The v1.24 schema shipped inside @microsoft/app-manifest (no download). */
function loadSchema(): Schema {
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(pkgDir, 'build', 'json-schemas', 'teams', 'v1.24', 'MicrosoftTeams.schema.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Schema;
}

/** Runs fn while every outgoing network API throws, and reports whether anything tried. */
async function withoutNetwork<T>(fn: () => Promise<T>): Promise<{ result: T; attempts: string[] }> {
  const attempts: string[] = [];
  const saved = {
    fetch: globalThis.fetch,
    httpRequest: http.request,
    httpGet: http.get,
    httpsRequest: https.request,
    httpsGet: https.get,
  };
  const deny =
    (what: string) =>
    (..._args: unknown[]): never => {
      attempts.push(what);
      throw new Error(`network access attempted: ${what}`);
    };
  globalThis.fetch = deny('fetch') as typeof fetch;
  http.request = deny('http.request') as typeof http.request;
  http.get = deny('http.get') as typeof http.get;
  https.request = deny('https.request') as typeof https.request;
  https.get = deny('https.get') as typeof https.get;
  try {
    return { result: await fn(), attempts };
  } finally {
    globalThis.fetch = saved.fetch;
    http.request = saved.httpRequest;
    http.get = saved.httpGet;
    https.request = saved.httpsRequest;
    https.get = saved.httpsGet;
  }
}

// ------------------------------------------------------------------ PNG reading

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  /** width*height*4 bytes, only for 8-bit RGBA images. */
  rgba?: Buffer;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Reads a PNG file: checks the signature and every chunk CRC; decodes pixels of 8-bit RGBA images. */
function readPng(file: string): Png {
  const data = fs.readFileSync(file);
  assert.ok(data.subarray(0, 8).equals(PNG_SIGNATURE), `${file}: not a PNG signature`);
  let offset = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  let sawEnd = false;
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    const crc = data.readUInt32BE(offset + 8 + length);
    assert.equal(crc, crc32(data.subarray(offset + 4, offset + 8 + length)), `${file}: bad CRC in ${type}`);
    if (offset === 8) assert.equal(type, 'IHDR', `${file}: first chunk must be IHDR`);
    if (type === 'IHDR') ihdr = body;
    if (type === 'IDAT') idat.push(body);
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
    offset += 12 + length;
  }
  assert.ok(ihdr, `${file}: no IHDR`);
  assert.ok(sawEnd, `${file}: no IEND`);
  const png: Png = {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8]!,
    colorType: ihdr[9]!,
    interlace: ihdr[12]!,
  };
  if (png.bitDepth !== 8 || png.colorType !== 6 || png.interlace !== 0) return png;

  const raw = zlib.inflateSync(Buffer.concat(idat));
  const bpp = 4;
  const stride = png.width * bpp;
  assert.equal(raw.length, (stride + 1) * png.height, `${file}: unexpected image data length`);
  const out = Buffer.alloc(stride * png.height);
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = y * stride;
    const prev = (y - 1) * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[cur + x - bpp]! : 0;
      const b = y > 0 ? out[prev + x]! : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp]! : 0;
      let v: number;
      switch (filter) {
        case 0:
          v = line[x]!;
          break;
        case 1:
          v = line[x]! + a;
          break;
        case 2:
          v = line[x]! + b;
          break;
        case 3:
          v = line[x]! + ((a + b) >> 1);
          break;
        case 4:
          v = line[x]! + paeth(a, b, c);
          break;
        default:
          throw new Error(`${file}: unknown PNG filter type ${filter} on row ${y}`);
      }
      out[cur + x] = v & 0xff;
    }
  }
  png.rgba = out;
  return png;
}

// ------------------------------------------------------------------ tests

describe('appPackage', () => {
  describe('manifest.json', () => {
    it('is valid against the Teams manifest schema v1.24 shipped in @microsoft/app-manifest (offline)', async () => {
      const manifest = loadManifest();
      assert.equal(manifest.manifestVersion, '1.24');
      assert.equal(
        manifest.$schema,
        'https://developer.microsoft.com/en-us/json-schemas/teams/v1.24/MicrosoftTeams.schema.json',
      );
      const schema = loadSchema();
      const { result: errors, attempts } = await withoutNetwork(() =>
        ManifestUtil.validateManifestAgainstSchema(manifest, schema),
      );
      assert.deepEqual(attempts, [], 'schema validation must not touch the network');
      assert.deepEqual(errors, []);
    });

    it('is rejected by the same validator when a GUID is not a GUID (the check is real)', async () => {
      const broken = loadManifest({ ...SAMPLE_ENV, BOT_ID: 'not-a-guid' });
      const errors = await ManifestUtil.validateManifestAgainstSchema(broken, loadSchema());
      assert.ok(
        errors.some((e) => e.includes('/bots/0/botId')),
        errors.join('\n'),
      );
    });

    it('uses only the Agents Toolkit placeholders that provisioning fills in', () => {
      const used = new Set([...manifestText().matchAll(PLACEHOLDER)].map((m) => m[1]));
      assert.deepEqual([...used].sort(), ['APP_NAME_SUFFIX', 'BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
      const manifest = loadManifest();
      assert.equal(manifest.id, SAMPLE_ENV.TEAMS_APP_ID);
      assert.equal(manifest.bots?.[0]?.botId, SAMPLE_ENV.BOT_ID);
      assert.deepEqual(manifest.validDomains, [SAMPLE_ENV.BOT_DOMAIN]);
      assert.equal(manifest.name.short, 'License Steward');
    });

    it("keeps the short name within 30 characters with every environment's APP_NAME_SUFFIX", () => {
      const envDir = path.join(root, 'env');
      const files = fs.existsSync(envDir) ? fs.readdirSync(envDir).filter((f) => /^\.env\.[^.]+$/.test(f)) : [];
      for (const f of files) {
        const m = /^APP_NAME_SUFFIX=(.*)$/m.exec(fs.readFileSync(path.join(envDir, f), 'utf8'));
        const suffix = (m?.[1] ?? '').trim().replace(/^"(.*)"$/, '$1');
        const short = loadManifest({ ...SAMPLE_ENV, APP_NAME_SUFFIX: suffix }).name.short;
        assert.ok(short.length <= 30, `${f}: short name "${short}" is longer than 30 characters`);
      }
    });

    it('declares one conversational bot for personal, team and groupChat', () => {
      const bots = loadManifest().bots ?? [];
      assert.equal(bots.length, 1);
      const bot = bots[0]!;
      assert.deepEqual([...(bot.scopes ?? [])].sort(), ['groupChat', 'personal', 'team']);
      assert.equal(bot.supportsFiles, false);
      assert.equal(bot.isNotificationOnly, false);
      assert.deepEqual(loadManifest().permissions, ['identity', 'messageTeamMembers']);
    });

    it('lists, for every scope, at most 10 commands that the bot knows', () => {
      const bot = loadManifest().bots![0]!;
      const lists = bot.commandLists ?? [];
      const covered = new Set(lists.flatMap((l) => l.scopes));
      assert.deepEqual([...covered].sort(), ['groupChat', 'personal', 'team']);
      for (const list of lists) {
        const where = list.scopes.join(',');
        assert.ok(list.commands.length > 0 && list.commands.length <= 10, `${where}: 1..10 commands`);
        const titles = list.commands.map((c) => c.title);
        assert.equal(new Set(titles).size, titles.length, `${where}: duplicate command titles`);
        for (const c of list.commands) {
          assert.ok(KNOWN_COMMANDS.includes(c.title), `${where}: "${c.title}" is not a command the bot knows`);
          // Teams limits shown in the command menu: title 32, description 128 characters.
          assert.ok(c.title.length <= 32, `${where}: title too long: ${c.title}`);
          assert.ok(c.description.length > 0 && c.description.length <= 128, `${where}: description of ${c.title}`);
        }
        assert.equal(titles[0], 'help', `${where}: help comes first`);
      }
    });

    it('points at icons that exist in the package', () => {
      const { icons } = loadManifest();
      assert.ok(fs.existsSync(path.join(appPackage, icons.color)));
      assert.ok(fs.existsSync(path.join(appPackage, icons.outline)));
    });
  });

  describe('icons', () => {
    it('color.png is a 192x192 PNG', () => {
      const png = readPng(path.join(appPackage, 'color.png'));
      assert.equal(png.width, 192);
      assert.equal(png.height, 192);
    });

    it('color.png is in full colour (not blank, not a single flat colour)', () => {
      const png = readPng(path.join(appPackage, 'color.png'));
      assert.ok(png.rgba, 'color.png is expected to be 8-bit RGBA');
      const colours = new Set<number>();
      for (let i = 0; i < png.rgba.length; i += 4) {
        if (png.rgba[i + 3] === 255) colours.add(png.rgba.readUInt32BE(i));
      }
      assert.ok(colours.size > 16, `only ${colours.size} opaque colours`);
      const centre = (96 * 192 + 96) * 4;
      assert.equal(png.rgba[centre + 3], 255, 'the centre of the colour icon is opaque');
    });

    it('outline.png is a 32x32 PNG', () => {
      const png = readPng(path.join(appPackage, 'outline.png'));
      assert.equal(png.width, 32);
      assert.equal(png.height, 32);
    });

    it('outline.png has only white pixels on a fully transparent background', () => {
      const png = readPng(path.join(appPackage, 'outline.png'));
      assert.equal(png.bitDepth, 8, 'outline.png: 8-bit');
      assert.equal(png.colorType, 6, 'outline.png: RGBA');
      assert.equal(png.interlace, 0, 'outline.png: not interlaced');
      const px = png.rgba!;
      let transparent = 0;
      let opaqueWhite = 0;
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b, a] = [px[i]!, px[i + 1]!, px[i + 2]!, px[i + 3]!];
        const at = `pixel (${(i / 4) % 32}, ${Math.floor(i / 4 / 32)})`;
        if (a === 0) {
          transparent++;
          continue;
        }
        assert.ok(r === 255 && g === 255 && b === 255, `${at} is rgba(${r},${g},${b},${a}), not white`);
        if (a === 255) opaqueWhite++;
      }
      assert.ok(transparent > 0, 'outline.png needs a transparent background');
      assert.ok(opaqueWhite > 0, 'outline.png needs a visible white glyph');
      for (const [x, y] of [
        [0, 0],
        [31, 0],
        [0, 31],
        [31, 31],
      ] as const) {
        assert.equal(px[(y * 32 + x) * 4 + 3], 0, `corner (${x}, ${y}) is transparent`);
      }
    });
  });
});
