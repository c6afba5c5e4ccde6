// The stickers an agent can send. A bot may only send stickers from LINE's list
// of stickers "available in the Messaging API" (free packages); these are six of
// them, each sticker id range as LINE documents it. The picker shows the first
// few of each package; the server accepts any id in a package's range.

export interface StickerPackage {
  packageId: string;
  /** First and last sticker id of the package (inclusive, consecutive ids). */
  first: number;
  last: number;
}

export const STICKER_PACKAGES: readonly StickerPackage[] = [
  { packageId: "446", first: 1988, last: 2027 },
  { packageId: "789", first: 10855, last: 10894 },
  { packageId: "1070", first: 17839, last: 17878 },
  { packageId: "11537", first: 52002734, last: 52002773 },
  { packageId: "11538", first: 51626494, last: 51626533 },
  { packageId: "11539", first: 52114110, last: 52114149 },
];

/** How many stickers of each package the picker shows. */
export const PICKER_STICKERS_PER_PACKAGE = 8;

export function pickerStickers(pkg: StickerPackage): string[] {
  const count = Math.min(PICKER_STICKERS_PER_PACKAGE, pkg.last - pkg.first + 1);
  return Array.from({ length: count }, (_, i) => String(pkg.first + i));
}

/** True when LINE lets a bot send this sticker. */
export function isSendableSticker(packageId: string, stickerId: string): boolean {
  const pkg = STICKER_PACKAGES.find((p) => p.packageId === packageId);
  if (!pkg || !/^\d{1,12}$/.test(stickerId)) return false;
  const id = Number(stickerId);
  return id >= pkg.first && id <= pkg.last;
}
