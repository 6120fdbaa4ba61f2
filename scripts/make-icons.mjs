#!/usr/bin/env node
// Draws the Teams app icons for License Steward without any dependency:
//   appPackage/color.png    192x192, full colour (teal→indigo rounded square, white key + reclaim arrow)
//   appPackage/outline.png   32x32, white glyph on a fully transparent background
// Shapes are simple geometry rendered with 4x4 supersampling into an RGBA buffer, then encoded as an
// 8-bit RGBA PNG (filter type 0 on every row) with node:zlib and a hand-written CRC32.
//
// Usage: node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'appPackage');

// ---------------------------------------------------------------- PNG encoding
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

/** Encodes a width*height*4 RGBA buffer as a PNG (colour type 6, bit depth 8, no interlace). */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- geometry (unit square 0..1)
const inCircle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRing = (cx, cy, r1, r2) => (x, y) => {
  const d = (x - cx) ** 2 + (y - cy) ** 2;
  return d >= r1 * r1 && d <= r2 * r2;
};
const inRect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
function inRoundRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}
/** Arc of a ring between two angles (radians, clockwise from +x because y points down). */
function inArc(cx, cy, r1, r2, a0, a1) {
  const ring = inRing(cx, cy, r1, r2);
  return (x, y) => {
    if (!ring(x, y)) return false;
    let a = Math.atan2(y - cy, x - cx);
    if (a < 0) a += 2 * Math.PI;
    return a0 <= a1 ? a >= a0 && a <= a1 : a >= a0 || a <= a1;
  };
}
function inTriangle(ax, ay, bx, by, cx, cy) {
  return (x, y) => {
    const s1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    const s2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
    const s3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}
const union =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

/** Fraction of the pixel (px, py) covered by shape, 4x4 supersampling. */
function coverage(shape, px, py, size) {
  let hit = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      if (shape((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size)) hit++;
    }
  }
  return hit / 16;
}

/**
 * The key: a round bow with a hole on the left, a shaft to the right with two bits hanging down.
 * (s, ox, oy) scale and move it inside the unit square.
 */
function keyGlyph(s, ox, oy) {
  const X = (v) => ox + v * s;
  const Y = (v) => oy + v * s;
  const bow = minus(inCircle(X(0.2), Y(0.5), 0.2 * s), inCircle(X(0.2), Y(0.5), 0.085 * s));
  const shaft = inRect(X(0.36), Y(0.44), X(1.0), Y(0.56));
  const bit1 = inRect(X(0.7), Y(0.5), X(0.8), Y(0.72));
  const bit2 = inRect(X(0.88), Y(0.5), X(1.0), Y(0.66));
  return union(bow, shaft, bit1, bit2);
}

// ---------------------------------------------------------------- color.png (192x192)
function drawColor(size) {
  const buf = Buffer.alloc(size * size * 4);
  const bg = inRoundRect(0, 0, 1, 1, 0.18);
  // White glyph: a key inside an almost closed "reclaim" arrow (circle arc with an arrow head).
  const cx = 0.5,
    cy = 0.5;
  const arc = inArc(cx, cy, 0.285, 0.325, (200 * Math.PI) / 180, (160 * Math.PI) / 180);
  // Arrow head at the end of the arc (angle 160°), pointing along the clockwise travel into the gap.
  const a = (160 * Math.PI) / 180;
  const mx = cx + 0.305 * Math.cos(a),
    my = cy + 0.305 * Math.sin(a);
  const tx = -Math.sin(a),
    ty = Math.cos(a); // tangent (clockwise)
  const nx = Math.cos(a),
    ny = Math.sin(a); // radial
  const head = inTriangle(
    mx - tx * 0.02 - nx * 0.075,
    my - ty * 0.02 - ny * 0.075,
    mx - tx * 0.02 + nx * 0.075,
    my - ty * 0.02 + ny * 0.075,
    mx + tx * 0.095,
    my + ty * 0.095,
  );
  const glyph = union(arc, head, keyGlyph(0.4, 0.3, 0.3));
  const c0 = [0x0f, 0x9d, 0x8f]; // teal (top-left)
  const c1 = [0x4f, 0x46, 0xe5]; // indigo (bottom-right)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cb = coverage(bg, x, y, size);
      const cg = coverage(glyph, x, y, size);
      const t = (x + y) / (2 * (size - 1));
      let r = c0[0] + (c1[0] - c0[0]) * t;
      let g = c0[1] + (c1[1] - c0[1]) * t;
      let b = c0[2] + (c1[2] - c0[2]) * t;
      r += (255 - r) * cg;
      g += (255 - g) * cg;
      b += (255 - b) * cg;
      const i = (y * size + x) * 4;
      buf[i] = Math.round(r);
      buf[i + 1] = Math.round(g);
      buf[i + 2] = Math.round(b);
      buf[i + 3] = Math.round(255 * cb);
    }
  }
  return buf;
}

// ---------------------------------------------------------------- outline.png (32x32)
function drawOutline(size) {
  const buf = Buffer.alloc(size * size * 4);
  // The same key, drawn on whole pixels (units of 1/32) so the straight edges stay crisp, 2 px margin.
  const p = (v) => v / 32;
  const glyph = union(
    minus(inCircle(p(9), p(16), p(7)), inCircle(p(9), p(16), p(3))), // bow with its hole
    inRect(p(15), p(14), p(30), p(18)), // shaft
    inRect(p(22), p(18), p(25), p(23)), // first bit
    inRect(p(27), p(18), p(30), p(21)), // second bit
  );
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      // Every pixel is pure white; only the alpha channel carries the shape.
      buf[i] = 255;
      buf[i + 1] = 255;
      buf[i + 2] = 255;
      buf[i + 3] = Math.round(255 * coverage(glyph, x, y, size));
    }
  }
  return buf;
}

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'color.png'), encodePng(192, 192, drawColor(192)));
writeFileSync(join(outDir, 'outline.png'), encodePng(32, 32, drawOutline(32)));
console.log('wrote appPackage/color.png (192x192) and appPackage/outline.png (32x32)');
