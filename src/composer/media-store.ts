// Outbound attachments in R2. LINE fetches media over HTTPS from a URL we give
// it, so each upload gets an unguessable token (192 random bits) and is served
// publicly at /media/o/<token>/<file name>; R2 key `outbound/<token>/<file name>`.
// Uploads stream into R2 (multipart upload for anything over one part), with
// LINE's limits enforced as the bytes arrive.
import { t } from "../ui/i18n";
import type { PartSink } from "./multipart";

const MB = 1024 * 1024;
export type UploadKind = "image" | "video" | "audio" | "file";

/** LINE's limits: image 10 MB JPEG/PNG, video 200 MB MP4, audio 200 MB M4A/MP3; files (sent as a link) 50 MB. */
export const UPLOAD_LIMITS: Record<UploadKind, number> = { image: 10 * MB, video: 200 * MB, audio: 200 * MB, file: 50 * MB };
/** LINE's limit for previewImageUrl. */
export const PREVIEW_LIMIT = 1 * MB;
/** The whole request: the largest file plus a preview and the small fields. */
export const MAX_UPLOAD_REQUEST = UPLOAD_LIMITS.video + PREVIEW_LIMIT + 64 * 1024;

/** "Images can be at most 10 MB." in the agent's language (call while handling the request). */
export function tooLargeMessage(kind: UploadKind): string {
  return t(`composer.upload.tooLarge.${kind}`, { mb: UPLOAD_LIMITS[kind] / MB });
}

/** R2 multipart parts must be equal-sized (except the last) and at least 5 MiB. */
const PART_SIZE = 8 * MB;

export function newMediaToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export const MEDIA_TOKEN = /^[A-Za-z0-9_-]{32}$/;
export const MEDIA_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function mediaKey(token: string, fileName: string): string {
  return `outbound/${token}/${fileName}`;
}

/** What the customer sees in the URL: ASCII letters, digits, dot, dash; the real name stays in metadata. */
export function urlFileName(original: string, fallbackExt: string): string {
  const dot = original.lastIndexOf(".");
  const ext = (dot > 0 ? original.slice(dot + 1) : fallbackExt).toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 8) || fallbackExt;
  const stem = (dot > 0 ? original.slice(0, dot) : original)
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${stem || "file"}.${ext}`;
}

/** The display name: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean || "file";
}

const EXT = (name: string) => name.slice(name.lastIndexOf(".") + 1).toLowerCase();

/** What LINE message an upload becomes, from the browser's type and the file name (checked again by sniff()). */
export function detectKind(fileName: string, contentType: string | null): UploadKind {
  const type = contentType ?? "";
  const ext = EXT(fileName);
  if (type === "image/jpeg" || type === "image/png" || ["jpg", "jpeg", "png"].includes(ext)) return "image";
  if (type === "video/mp4" || ext === "mp4") return "video";
  if (["audio/mpeg", "audio/mp3", "audio/mp4", "audio/x-m4a", "audio/m4a", "audio/aac"].includes(type) || ["mp3", "m4a"].includes(ext)) return "audio";
  return "file";
}

function startsWith(head: Uint8Array, bytes: number[], offset = 0): boolean {
  return bytes.every((b, i) => head[offset + i] === b);
}
const FTYP = [0x66, 0x74, 0x79, 0x70];

/**
 * The real content type from the first bytes, or null when they do not match
 * the kind (a renamed file): LINE would fail to show it, and we never serve
 * bytes under a type they are not.
 */
export function sniff(kind: Exclude<UploadKind, "file">, head: Uint8Array): string | null {
  if (kind === "image") {
    if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
    if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
    return null;
  }
  if (kind === "video") return startsWith(head, FTYP, 4) ? "video/mp4" : null;
  if (startsWith(head, FTYP, 4)) return "audio/mp4";
  if (startsWith(head, [0x49, 0x44, 0x33]) || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return "audio/mpeg";
  return null;
}

function notThatKind(kind: Exclude<UploadKind, "file">): string {
  return t(`composer.upload.notKind.${kind}`);
}

/** Types a browser may show inline from our origin; anything else is served as a download. */
const INLINE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "audio/mpeg", "audio/mp4", "application/pdf", "text/plain"]);

export function servedType(declared: string | null): { contentType: string; inline: boolean } {
  const type = (declared ?? "").split(";")[0]?.trim() ?? "";
  return INLINE_TYPES.has(type) ? { contentType: type === "text/plain" ? "text/plain; charset=utf-8" : type, inline: true } : { contentType: "application/octet-stream", inline: false };
}

export interface UploadResult {
  key: string;
  size: number;
  contentType: string;
}

/**
 * Streams one part into R2. Over `maxBytes` it stops storing (and aborts any
 * multipart upload) but keeps swallowing the bytes, so the browser still gets
 * our 413 answer instead of a reset connection. `problem` says what went wrong.
 */
export class R2UploadSink implements PartSink {
  size = 0;
  problem: { status: 413 | 422; message: string } | null = null;
  contentType: string;
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private upload: R2MultipartUpload | null = null;
  private parts: R2UploadedPart[] = [];
  private sniffed: boolean;

  constructor(
    private readonly bucket: R2Bucket,
    readonly key: string,
    private readonly options: {
      maxBytes: number;
      tooLarge: string;
      /** Check the first bytes against this kind. */
      sniffAs?: Exclude<UploadKind, "file">;
      contentType: string;
      contentDisposition?: string;
      customMetadata: Record<string, string>;
    },
  ) {
    this.contentType = options.contentType;
    this.sniffed = !options.sniffAs;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.problem) return;
    this.size += chunk.byteLength;
    if (this.size > this.options.maxBytes) return this.fail(413, this.options.tooLarge);
    this.chunks.push(chunk);
    this.buffered += chunk.byteLength;
    if (!this.sniffed && this.buffered >= 16) this.checkHead();
    while (!this.problem && this.buffered >= PART_SIZE) await this.flush(PART_SIZE);
  }

  async close(): Promise<void> {
    if (this.problem) return;
    if (!this.sniffed) this.checkHead();
    if (this.problem) return;
    const httpMetadata: R2HTTPMetadata = {
      contentType: this.contentType,
      cacheControl: "public, max-age=31536000, immutable",
      ...(this.options.contentDisposition ? { contentDisposition: this.options.contentDisposition } : {}),
    };
    if (!this.upload) {
      await this.bucket.put(this.key, this.take(this.buffered), { httpMetadata, customMetadata: this.options.customMetadata });
      return;
    }
    if (this.buffered > 0) await this.flush(this.buffered);
    await this.upload.complete(this.parts);
  }

  /** Drops whatever was stored (a later check failed). */
  async discard(): Promise<void> {
    if (this.upload) await this.upload.abort().catch(() => undefined);
    else await this.bucket.delete(this.key).catch(() => undefined);
  }

  private checkHead(): void {
    this.sniffed = true;
    const kind = this.options.sniffAs;
    if (!kind) return;
    const type = sniff(kind, this.peek(16));
    if (type) this.contentType = type;
    else void this.fail(422, notThatKind(kind));
  }

  private async fail(status: 413 | 422, message: string): Promise<void> {
    this.problem = { status, message };
    this.chunks = [];
    this.buffered = 0;
    if (this.upload) {
      const upload = this.upload;
      this.upload = null;
      await upload.abort().catch(() => undefined);
    }
  }

  private async flush(bytes: number): Promise<void> {
    if (!this.upload) {
      this.upload = await this.bucket.createMultipartUpload(this.key, {
        httpMetadata: { contentType: this.contentType, cacheControl: "public, max-age=31536000, immutable", ...(this.options.contentDisposition ? { contentDisposition: this.options.contentDisposition } : {}) },
        customMetadata: this.options.customMetadata,
      });
    }
    const part = await this.upload.uploadPart(this.parts.length + 1, this.take(bytes));
    this.parts.push(part);
  }

  private peek(bytes: number): Uint8Array {
    const out = new Uint8Array(Math.min(bytes, this.buffered));
    let at = 0;
    for (const c of this.chunks) {
      if (at >= out.length) break;
      const n = Math.min(c.byteLength, out.length - at);
      out.set(c.subarray(0, n), at);
      at += n;
    }
    return out;
  }

  /** Removes the first `bytes` buffered bytes and returns them as one array. */
  private take(bytes: number): Uint8Array {
    const out = new Uint8Array(bytes);
    let at = 0;
    while (at < bytes) {
      const c = this.chunks[0];
      if (!c) break;
      const n = Math.min(c.byteLength, bytes - at);
      out.set(c.subarray(0, n), at);
      at += n;
      if (n === c.byteLength) this.chunks.shift();
      else this.chunks[0] = c.subarray(n);
    }
    this.buffered -= at;
    return out;
  }
}

/** Collects a small field's text (at most `max` bytes). */
export class FieldSink implements PartSink {
  private bytes = new Uint8Array(0);
  tooLong = false;
  constructor(
    private readonly max: number,
    private readonly done: (value: string | null) => void,
  ) {}
  write(chunk: Uint8Array): void {
    if (this.tooLong) return;
    if (this.bytes.length + chunk.length > this.max) {
      this.tooLong = true;
      return;
    }
    const next = new Uint8Array(this.bytes.length + chunk.length);
    next.set(this.bytes, 0);
    next.set(chunk, this.bytes.length);
    this.bytes = next;
  }
  close(): void {
    this.done(this.tooLong ? null : new TextDecoder().decode(this.bytes));
  }
}

/** Swallows a part (an empty file input, an unknown field). */
export const discardSink: PartSink = { write() {}, close() {} };
