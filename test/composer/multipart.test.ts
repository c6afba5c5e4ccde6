// The streaming multipart reader: parts come out whole whatever the chunking,
// file names in any encoding browsers use, and broken or oversized bodies fail.
import { describe, expect, it } from "vitest";
import { boundaryOf, MultipartError, type PartInfo, parsePartHeaders, readMultipart } from "../../src/composer/multipart";

async function bodyOf(form: FormData): Promise<{ bytes: Uint8Array; boundary: string }> {
  const request = new Request("https://x.test/", { method: "POST", body: form });
  const boundary = boundaryOf(request.headers.get("content-type") ?? "");
  if (!boundary) throw new Error("no boundary");
  return { bytes: new Uint8Array(await request.arrayBuffer()), boundary };
}

/** A stream that hands out `bytes` in chunks of the given sizes (cycled). */
function chunked(bytes: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let at = 0;
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const n = sizes[i++ % sizes.length] ?? 1;
      controller.enqueue(bytes.slice(at, at + n));
      at += n;
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>, boundary: string, max = 1 << 20) {
  const parts: Array<PartInfo & { data: Uint8Array }> = [];
  await readMultipart(
    stream,
    boundary,
    (info) => {
      const chunks: Uint8Array[] = [];
      return {
        write: (c) => void chunks.push(c),
        close: () => {
          const data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
          let o = 0;
          for (const c of chunks) {
            data.set(c, o);
            o += c.length;
          }
          parts.push({ ...info, data });
        },
      };
    },
    max,
  );
  return parts;
}

describe("readMultipart", () => {
  it("gives back every field and file exactly, however the body is chunked", async () => {
    const file = new Uint8Array(5000).map((_, i) => (i * 7) & 0xff);
    // Bytes that look like the start of a delimiter inside the file must not cut it.
    file.set(new TextEncoder().encode("\r\n--"), 100);
    const form = new FormData();
    form.append("_csrf", "token-1");
    form.append("note", "line one\r\nline two");
    form.append("file", new File([file], "写真 1.png", { type: "image/png" }));
    const { bytes, boundary } = await bodyOf(form);
    for (const sizes of [[1], [3, 70, 1], [4096], [bytes.length]]) {
      const parts = await collect(chunked(bytes, sizes), boundary);
      expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
        ["_csrf", null, null],
        ["note", null, null],
        ["file", "写真 1.png", "image/png"],
      ]);
      expect(new TextDecoder().decode(parts[1]?.data)).toBe("line one\r\nline two");
      expect(parts[2]?.data).toEqual(file);
    }
  });

  it("reads RFC 5987 file names and escaped quotes", () => {
    const headers = (s: string) => new TextEncoder().encode(s);
    expect(parsePartHeaders(headers(`Content-Disposition: form-data; name="file"; filename="a.pdf"; filename*=UTF-8''%E8%A6%8B%E7%A9%8D.pdf`)).filename).toBe("見積.pdf");
    expect(parsePartHeaders(headers(`Content-Disposition: form-data; name="file"; filename="say \\"hi\\".txt"\r\nContent-Type: Text/Plain`))).toEqual({ name: "file", filename: 'say "hi".txt', contentType: "text/plain" });
  });

  it("fails on a truncated body, a missing boundary and a body over the limit", async () => {
    const form = new FormData();
    form.append("file", new File([new Uint8Array(2000)], "x.bin"));
    const { bytes, boundary } = await bodyOf(form);
    await expect(collect(chunked(bytes.slice(0, 1500), [512]), boundary)).rejects.toMatchObject({ status: 400 });
    await expect(collect(chunked(bytes, [512]), "not-the-boundary")).rejects.toBeInstanceOf(MultipartError);
    await expect(collect(chunked(bytes, [512]), boundary, 1000)).rejects.toMatchObject({ status: 413 });
    expect(boundaryOf("application/json")).toBeNull();
    expect(boundaryOf('multipart/form-data; boundary="abc def"')).toBe("abc def");
  });
});
