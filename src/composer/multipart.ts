// A streaming multipart/form-data reader. Request.formData() holds the whole
// body in memory, and a Worker has 128 MB — less than one 200 MB video. This
// reads the body chunk by chunk and hands each part's bytes to a sink as they
// arrive (for uploads: straight on to R2), keeping only a boundary's length
// of look-behind in memory.

export interface PartInfo {
  /** The form field name. */
  name: string;
  /** The file name for file parts ("" when a file input was left empty), null for plain fields. */
  filename: string | null;
  contentType: string | null;
}

export interface PartSink {
  write(chunk: Uint8Array): void | Promise<void>;
  close(): void | Promise<void>;
}

export class MultipartError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = "MultipartError";
  }
}

const CRLF = new Uint8Array([13, 10]);
const HEADER_END = new Uint8Array([13, 10, 13, 10]);
const MAX_HEADER_BYTES = 8 * 1024;
const MAX_PARTS = 32;

export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  for (let i = haystack.indexOf(first ?? 0, from); i !== -1 && i <= last; i = haystack.indexOf(first ?? 0, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const decoder = new TextDecoder();

/** Content-Disposition and Content-Type of one part; file names may be raw UTF-8 or RFC 5987 `filename*`. */
export function parsePartHeaders(bytes: Uint8Array): PartInfo {
  const info: PartInfo = { name: "", filename: null, contentType: null };
  for (const line of decoder.decode(bytes).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "content-type") info.contentType = value.toLowerCase();
    if (key !== "content-disposition") continue;
    for (const param of value.matchAll(/;\s*([a-z*]+)=(?:"((?:\\.|[^"\\])*)"|([^;]*))/gi)) {
      const field = param[1]?.toLowerCase();
      const raw = (param[2] ?? param[3] ?? "").replace(/\\(.)/g, "$1");
      if (field === "name") info.name = raw;
      else if (field === "filename" && info.filename === null) info.filename = raw;
      else if (field === "filename*") {
        const encoded = /^utf-8''(.*)$/i.exec(raw)?.[1];
        if (encoded !== undefined) {
          try {
            info.filename = decodeURIComponent(encoded);
          } catch {
            // keep the plain filename
          }
        }
      }
    }
  }
  return info;
}

/**
 * Reads `body` as multipart/form-data and streams each part into the sink that
 * `open` returns for it. Sinks are awaited, so a slow sink slows the reading
 * (backpressure). `maxBytes` caps the whole body (413 beyond it).
 */
export async function readMultipart(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  open: (part: PartInfo) => PartSink | Promise<PartSink>,
  maxBytes: number,
): Promise<void> {
  const enc = new TextEncoder();
  const first = enc.encode(`--${boundary}`);
  const delimiter = enc.encode(`\r\n--${boundary}`);
  const reader = body.getReader();
  let buf: Uint8Array = new Uint8Array(0);
  let total = 0;
  let done = false;

  async function more(): Promise<boolean> {
    if (done) return false;
    const { value, done: end } = await reader.read();
    if (end) {
      done = true;
      return false;
    }
    total += value.byteLength;
    if (total > maxBytes) throw new MultipartError(413, "The upload is too large");
    buf = concat(buf, value);
    return true;
  }

  try {
    // Preamble, then the first boundary.
    let at = indexOf(buf, first);
    while (at < 0) {
      if (!(await more())) throw new MultipartError(400, "The upload is not valid multipart/form-data");
      at = indexOf(buf, first);
    }
    buf = buf.subarray(at + first.length);
    let parts = 0;
    for (;;) {
      // After a boundary: "--" ends the body, CRLF starts a part.
      while (buf.length < 2) if (!(await more())) throw new MultipartError(400, "The upload ended too early");
      if (buf[0] === 45 && buf[1] === 45) return;
      if (buf[0] !== CRLF[0] || buf[1] !== CRLF[1]) throw new MultipartError(400, "The upload is not valid multipart/form-data");
      buf = buf.subarray(2);
      if (++parts > MAX_PARTS) throw new MultipartError(400, "The upload has too many fields");

      let end = indexOf(buf, HEADER_END);
      while (end < 0) {
        if (buf.length > MAX_HEADER_BYTES) throw new MultipartError(400, "The upload's part headers are too long");
        if (!(await more())) throw new MultipartError(400, "The upload ended too early");
        end = indexOf(buf, HEADER_END);
      }
      const sink = await open(parsePartHeaders(buf.subarray(0, end)));
      buf = buf.subarray(end + HEADER_END.length);

      // The part's bytes run until the next CRLF--boundary. Everything before a
      // possible partial delimiter at the end of the buffer can go out now.
      for (;;) {
        const next = indexOf(buf, delimiter);
        if (next >= 0) {
          if (next > 0) await sink.write(buf.slice(0, next));
          buf = buf.subarray(next + delimiter.length);
          break;
        }
        const safe = buf.length - (delimiter.length - 1);
        if (safe > 0) {
          await sink.write(buf.slice(0, safe));
          buf = buf.slice(safe);
        }
        if (!(await more())) throw new MultipartError(400, "The upload ended too early");
      }
      await sink.close();
    }
  } finally {
    // Stop reading anything after the closing boundary (or after an error).
    reader.releaseLock();
  }
}
