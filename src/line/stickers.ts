// Where sticker images come from: LINE's sticker CDN, or the simulator's own
// SVG stickers when running offline with SIMULATOR=on.
import { simulatorEnabled, type Bindings } from "../env";
import { simulatorStickerUrl } from "../simulator/stickers";

export type StickerUrl = (packageId: string, stickerId: string) => string;

export function stickerUrlFor(env: Pick<Bindings, "SIMULATOR">): StickerUrl {
  if (simulatorEnabled(env)) return simulatorStickerUrl;
  return (_packageId, stickerId) => `https://stickershop.line-scdn.net/stickershop/v1/sticker/${encodeURIComponent(stickerId)}/android/sticker.png`;
}
