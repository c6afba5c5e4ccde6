// The add-friend QR code: uqr encodes the URL; we draw the modules as one SVG path
// (one "M x y h1 v1 h-1 z" square per dark module, joined along each row), inline in
// the page and as a downloadable file. No raw HTML: the JSX escapes everything.
import type { FC } from "hono/jsx";
import { encode } from "uqr";

/** Error correction M (15%) survives a print smudge; border 4 is the quiet zone the spec asks for. */
function modules(text: string) {
  return encode(text, { ecc: "M", border: 4 });
}

/** Runs of dark modules per row as path commands: short, and crisp at any size. */
function qrPath(data: boolean[][]): string {
  const parts: string[] = [];
  data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h-${x - start}z`);
    }
  });
  return parts.join("");
}

export const QrCode: FC<{ text: string; label: string; size?: number }> = ({ text, label, size = 176 }) => {
  const qr = modules(text);
  return (
    <svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${qr.size} ${qr.size}`} width={size} height={size} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qrPath(qr.data)} fill="#000" />
    </svg>
  );
};

/** The same code as a standalone SVG document (for the download link), 8 px per module. */
export function qrSvgDocument(text: string): string {
  const qr = modules(text);
  const px = qr.size * 8;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${qr.size} ${qr.size}" width="${px}" height="${px}" shape-rendering="crispEdges"><rect width="${qr.size}" height="${qr.size}" fill="#fff"/><path d="${qrPath(qr.data)}" fill="#000"/></svg>\n`;
}
