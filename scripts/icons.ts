/**
 * npm run icons
 *
 * Draws the Kontora mark — a white "K" on a blue rounded square — at every
 * size the Office manifests reference and writes the PNGs to
 * addin/public/assets/icon-<size>.png. The mark is drawn from geometry (not
 * scaled from one bitmap) so each size is sharp, and encoded with node's zlib
 * alone, so no image tool is needed. The PNGs are committed; run this again
 * only after changing the drawing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

/** 16/32/80: ribbon buttons; 64/128: high-resolution and Outlook's store icons. */
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ASSETS_DIR = path.join(root, 'addin', 'public', 'assets');

type Rgb = readonly [number, number, number];
// Fluent's brand blue, lighter at the top so the square does not look flat.
const TOP: Rgb = [0x1f, 0x8a, 0xe0];
const BOTTOM: Rgb = [0x0c, 0x5a, 0xa6];
const MARK: Rgb = [0xff, 0xff, 0xff];

/** Subsamples per pixel side: anti-aliasing by coverage. */
const SUPERSAMPLE = 8;

function insideRoundedSquare(x: number, y: number): boolean {
  const r = 0.22;
  if (x < 0 || x > 1 || y < 0 || y > 1) return false;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The "K": a stem and two arms, cut flat at the cap height and baseline. */
function insideK(x: number, y: number): boolean {
  const top = 0.24;
  const bottom = 0.76;
  if (y < top || y > bottom) return false;
  const stemLeft = 0.29;
  const stemRight = 0.44;
  if (x >= stemLeft && x <= stemRight) return true;
  const half = 0.075;
  if (x < stemRight - 0.02) return false;
  const upper = distanceToSegment(x, y, 0.40, 0.60, 0.78, 0.16) <= half;
  const lower = distanceToSegment(x, y, 0.52, 0.46, 0.82, 0.84) <= half;
  return upper || lower;
}

/** RGBA pixels of the mark at size × size. */
export function drawMark(size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 8 || size > 1024) throw new Error(`icon size must be an integer from 8 to 1024 (got ${size})`);
  const pixels = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let square = 0;
      let mark = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          if (!insideRoundedSquare(x, y)) continue;
          square++;
          if (insideK(x, y)) mark++;
        }
      }
      const o = (py * size + px) * 4;
      if (square === 0) continue;
      const t = (py + 0.5) / size;
      const markShare = mark / square;
      for (let c = 0; c < 3; c++) {
        const background = TOP[c]! + (BOTTOM[c]! - TOP[c]!) * t;
        pixels[o + c] = Math.round(background + (MARK[c]! - background) * markShare);
      }
      pixels[o + 3] = Math.round((255 * square) / (n * n));
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const body = Buffer.concat([head.subarray(4), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([head.subarray(0, 4), body, crc]);
}

/** An RGBA, 8 bits per channel, non-interlaced PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function iconFile(size: number): string {
  return path.join(ASSETS_DIR, `icon-${size}.png`);
}

export function writeIcons(dir = ASSETS_DIR): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const file = path.join(dir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, size, drawMark(size)));
    return file;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  for (const file of writeIcons()) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
