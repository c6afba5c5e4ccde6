// A photo for the demo conversation: a parcel with a shipping label on a wooden
// table, drawn pixel by pixel and encoded as a PNG (deflate via CompressionStream),
// so the demo needs no binary asset and no network. Only the demo seed uses it.

const WIDTH = 480;
const HEIGHT = 360;

type Rgb = readonly [number, number, number];
type Point = readonly [number, number];

function inPolygon(x: number, y: number, points: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i] ?? [0, 0];
    const [xj, yj] = points[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

// The box: front face, top face and right side, in a slight perspective.
const FRONT: Point[] = [[110, 150], [330, 150], [330, 300], [110, 300]];
const TOP: Point[] = [[110, 150], [330, 150], [390, 105], [170, 105]];
const SIDE: Point[] = [[330, 150], [390, 105], [390, 250], [330, 300]];
const TAPE_TOP: Point[] = [[205, 150], [235, 150], [295, 105], [265, 105]];
const LABEL = { x0: 135, y0: 190, x1: 265, y1: 280 };

function pixel(x: number, y: number): Rgb {
  const grain = Math.sin(y * 0.35 + Math.sin(x * 0.02) * 3) * 6;
  let color: Rgb = y < 95 ? mix([236, 230, 220], [222, 214, 202], y / 95) : mix([181, 132, 88], [150, 104, 66], (y - 95) / (HEIGHT - 95));
  if (y >= 95) color = [color[0] + grain, color[1] + grain * 0.7, color[2] + grain * 0.4];
  // Soft shadow under the box.
  const shadow = inPolygon(x, y, [[100, 300], [340, 300], [410, 255], [400, 250], [330, 305], [100, 310]]);
  if (shadow) color = mix(color, [60, 40, 25], 0.35);
  if (inPolygon(x, y, TOP)) color = inPolygon(x, y, TAPE_TOP) ? [226, 196, 140] : [214, 172, 118];
  else if (inPolygon(x, y, SIDE)) color = [170, 124, 76];
  else if (inPolygon(x, y, FRONT)) {
    color = x >= 205 && x < 235 && y < 185 ? [210, 178, 122] : [196, 150, 98];
    if (x >= LABEL.x0 && x < LABEL.x1 && y >= LABEL.y0 && y < LABEL.y1) {
      color = [250, 250, 246];
      const row = y - LABEL.y0;
      const col = x - LABEL.x0;
      // Address lines, then a barcode.
      if (col >= 10 && row >= 10 && row < 52 && (row - 10) % 12 < 5 && col < 118 - ((row - 10) / 12) * 22) color = [120, 124, 130];
      if (row >= 60 && row < 82 && col >= 10 && col < 120 && (col * 7919) % 5 < 2) color = [30, 30, 34];
    }
  }
  return [Math.round(Math.max(0, Math.min(255, color[0]))), Math.round(Math.max(0, Math.min(255, color[1]))), Math.round(Math.max(0, Math.min(255, color[2])))];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The parcel photo as PNG bytes (480×360). */
export async function demoParcelPhoto(): Promise<ArrayBuffer> {
  const raw = new Uint8Array(HEIGHT * (WIDTH * 3 + 1));
  for (let y = 0; y < HEIGHT; y++) {
    const row = y * (WIDTH * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < WIDTH; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, WIDTH);
  view.setUint32(4, HEIGHT);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method extras, no interlace
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", await deflate(raw)), chunk("IEND", new Uint8Array())];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return png.buffer;
}
