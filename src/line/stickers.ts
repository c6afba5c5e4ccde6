// Where sticker images come from: LINE's sticker CDN, or the simulator's own
// SVG stickers when running offline with SIMULATOR=on.
import { simulatorEnabled, type Bindings } from "../env";

export type StickerUrl = (packageId: string, stickerId: string) => string;

export function stickerUrlFor(env: Pick<Bindings, "SIMULATOR">): StickerUrl {
  if (simulatorEnabled(env)) return simulatorStickerUrl;
  return (_packageId, stickerId) => `https://stickershop.line-scdn.net/stickershop/v1/sticker/${encodeURIComponent(stickerId)}/android/sticker.png`;
}

/** Path of the simulator's image for a sticker (any package and sticker id); the simulator serves it. */
export function simulatorStickerUrl(packageId: string, stickerId: string): string {
  return `/simulator/stickers/${encodeURIComponent(packageId)}/${encodeURIComponent(stickerId)}`;
}
