// Draws Candor's 128×128 Marketplace icon (media/icon.png) from shapes in code:
// a rounded square in two blues, an open eye (Candor shows what it sends) with a
// pupil in the shape of a lock's keyhole (and keeps the rest private).
// The PNG is written by hand with zlib, so the same script always gives the same bytes.
//   node scripts/make-icon.mjs            writes media/icon.png
//   node scripts/make-icon.mjs --stdout   writes the PNG to stdout (the unit test compares it)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { repoRoot } from './lib/util.mjs';

const SIZE = 128;
const SAMPLES = 4; // 4×4 samples per pixel smooth the edges

const TOP = [0x1e, 0x5f, 0xa8];
const BOTTOM = [0x12, 0x3a, 0x6e];
const WHITE = [0xff, 0xff, 0xff];
const PUPIL = [0x12, 0x3a, 0x6e];

/** Inside a square of side 120 centred in the icon, with corners of radius 26. */
function inBackground(x, y) {
  const half = 60;
  const radius = 26;
  const dx = Math.max(Math.abs(x - 64) - (half - radius), 0);
  const dy = Math.max(Math.abs(y - 64) - (half - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
}

/** The eye: where two large circles overlap (a lens 96 wide and 56 high). */
function inEye(x, y) {
  const halfWidth = 48;
  const halfHeight = 28;
  // Circles through (64 ± 48, 64) and (64, 64 ∓ 28).
  const r = (halfWidth * halfWidth + halfHeight * halfHeight) / (2 * halfHeight);
  const offset = r - halfHeight;
  const d1 = (x - 64) ** 2 + (y - (64 + offset)) ** 2;
  const d2 = (x - 64) ** 2 + (y - (64 - offset)) ** 2;
  return d1 <= r * r && d2 <= r * r;
}

/** The iris ring's inside: a disc of radius 21. */
function inIris(x, y) {
  return (x - 64) ** 2 + (y - 64) ** 2 <= 21 * 21;
}

/** The keyhole: a disc over a tapering slot. */
function inKeyhole(x, y) {
  if ((x - 64) ** 2 + (y - 58) ** 2 <= 7 * 7) {
    return true;
  }
  if (y < 58 || y > 76) {
    return false;
  }
  const halfWidth = 3 + ((y - 58) / 18) * 2.5;
  return Math.abs(x - 64) <= halfWidth;
}

/** The colour and coverage (0–1) at one sample point, or null outside the icon. */
function sample(x, y) {
  if (!inBackground(x, y)) {
    return null;
  }
  if (inEye(x, y)) {
    if (inIris(x, y)) {
      return inKeyhole(x, y) ? WHITE : PUPIL;
    }
    return WHITE;
  }
  const t = y / SIZE;
  return TOP.map((c, i) => Math.round(c + (BOTTOM[i] - c) * t));
}

/** RGBA rows, each preceded by PNG filter byte 0. */
function pixels() {
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let py = 0; py < SIZE; py++) {
    const rowStart = py * (1 + SIZE * 4);
    rows[rowStart] = 0;
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (colour) {
            covered++;
            colour.forEach((c, i) => (sum[i] += c));
          }
        }
      }
      const at = rowStart + 1 + px * 4;
      for (let i = 0; i < 3; i++) {
        rows[at + i] = covered ? Math.round(sum[i] / covered) : 0;
      }
      rows[at + 3] = Math.round((covered / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return rows;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) {
    c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // not interlaced
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(pixels(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv.includes('--stdout')) {
  process.stdout.write(iconPng());
} else {
  const file = path.join(repoRoot, 'media', 'icon.png');
  fs.writeFileSync(file, iconPng());
  process.stderr.write(`wrote ${path.relative(repoRoot, file)}\n`);
}
