// `node scripts/render-icons.mjs`: renders the app icons (public/icons/*.png)
// from the SVG logo with Debian's chromium, once; the PNGs are committed. No
// image library is needed at install time (sharp's native install is disabled
// in package.json's allowScripts, and the icons never change at runtime).
//   icon-192/512     the logo as is (rounded square), transparent corners
//   maskable-512     full-bleed green, the bubble inside the 80 % safe zone
//   apple-touch-icon 180 px, full-bleed (iOS rounds the corners itself)
//   badge-96         the bubble alone, white on transparent (Android's status bar)
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../test/e2e/browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const logo = readFileSync(join(root, "public/icons/logo.svg"), "utf8");
const bubble = /<path[^>]*\/>/.exec(logo)?.[0] ?? "";
const dots = logo.match(/<circle[^>]*\/>/g)?.join("") ?? "";

/** The bubble and its dots centred, scaled to `scale` of the square, on `background` (or none). */
function fullBleed(scale, background, bubbleColour = "#fff", dotColour = "#06C755") {
  const offset = 16 - 16 * scale;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${background ? `<rect width="32" height="32" fill="${background}"/>` : ""}
    <g transform="translate(${offset} ${offset + 0.8 * scale}) scale(${scale})">${bubble.replace('fill="#fff"', `fill="${bubbleColour}"`)}${dots.replaceAll('fill="#06C755"', `fill="${dotColour}"`)}</g></svg>`;
}

const icons = [
  { file: "icon-192.png", size: 192, svg: logo },
  { file: "icon-512.png", size: 512, svg: logo },
  { file: "maskable-512.png", size: 512, svg: fullBleed(0.72, "#06C755") },
  { file: "apple-touch-icon.png", size: 180, svg: fullBleed(0.92, "#06C755") },
  // Dots cut out of the bubble (transparent), as Android draws badges from the alpha channel.
  { file: "badge-96.png", size: 96, svg: fullBleed(1.12, null, "#fff", "transparent").replace("<g ", '<mask id="m"><rect width="32" height="32" fill="#fff"/>' + dots.replaceAll('fill="#06C755"', 'fill="#000"') + '</mask><g mask="url(#m)" ') },
];

const browser = await launch();
try {
  const page = await browser.newPage();
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    const svg = icon.svg.replace("<svg ", `<svg width="${icon.size}" height="${icon.size}" `);
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.screenshot({ path: join(root, "public/icons", icon.file), omitBackground: true, clip: { x: 0, y: 0, width: icon.size, height: icon.size } });
    console.log(`public/icons/${icon.file}`);
  }
} finally {
  await browser.close();
}
