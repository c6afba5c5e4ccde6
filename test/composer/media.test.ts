// Attachments: upload → R2 → a public URL in the LINE payload, the bytes served
// back to whoever has the URL (LINE), LINE's size limits, files sent as a link.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, login, ORIGIN } from "../helpers/session";
import { JPEG_HEAD, MP4_HEAD, PNG_HEAD, bytes, customerWrites, lineRecorder, sentMessages, upload } from "./helpers";

let agent: Agent;
beforeAll(async () => {
  agent = await login();
});
const record = lineRecorder();

const MB = 1024 * 1024;
const MEDIA_URL = /^https:\/\/linedesk\.test\/media\/o\/[A-Za-z0-9_-]{32}\/[A-Za-z0-9._-]+$/;

async function objectCount(): Promise<number> {
  return (await env.MEDIA.list({ prefix: "outbound/" })).objects.length;
}

describe("upload", () => {
  it("stores an image in R2 and sends LINE its public URL, whose bytes come back without a session", async () => {
    const calls = record();
    const { id } = await customerWrites("media-image");
    const png = bytes(PNG_HEAD, 40_000);
    const preview = bytes(JPEG_HEAD, 2_000);
    const res = await upload(agent, id, [["preview", new File([preview], "preview.jpg", { type: "image/jpeg" })], ["file", new File([png], "Shop photo (1).png", { type: "image/png" })]]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.headers.get("hx-trigger") ?? "{}")).toEqual({ "composer-sent": { target: "body" } });
    const html = await res.text();
    expect(html).toContain('id="composer-tool-attach"');
    expect(html).toContain('hx-target="#thread-messages"');

    const [message] = sentMessages(calls);
    expect(message).toMatchObject({ type: "image", sender: { name: "Aiko (admin)" } });
    const original = String(message?.originalContentUrl);
    const previewUrl = String(message?.previewImageUrl);
    expect(original).toMatch(MEDIA_URL);
    expect(original.endsWith("/Shop-photo-1.png")).toBe(true);
    expect(previewUrl).toBe(original.replace(/[^/]+$/, "preview.jpg"));

    const served = await SELF.fetch(original);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    const thumb = await SELF.fetch(previewUrl);
    expect(thumb.headers.get("content-type")).toBe("image/jpeg");
    expect(new Uint8Array(await thumb.arrayBuffer())).toEqual(preview);

    const head = await SELF.fetch(original, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(png.length));
    expect(await head.text()).toBe("");

    const range = await SELF.fetch(original, { headers: { range: "bytes=0-7" } });
    expect(range.status).toBe(206);
    expect(range.headers.get("content-range")).toBe(`bytes 0-7/${png.length}`);
    expect(Array.from(new Uint8Array(await range.arrayBuffer()))).toEqual(PNG_HEAD);
  });

  it("streams a video over one R2 part (multipart upload) and falls back to the generic poster", async () => {
    const calls = record();
    const { id } = await customerWrites("media-video");
    const mp4 = bytes(MP4_HEAD, 9 * MB + 123);
    const res = await upload(agent, id, [["durationMs", "12000"], ["file", new File([mp4], "unboxing.mp4", { type: "video/mp4" })]]);
    expect(res.status).toBe(200);
    const [message] = sentMessages(calls);
    expect(message).toMatchObject({ type: "video", previewImageUrl: "https://linedesk.test/composer-poster.png" });
    const served = await SELF.fetch(String(message?.originalContentUrl));
    expect(served.headers.get("content-type")).toBe("video/mp4");
    const body = new Uint8Array(await served.arrayBuffer());
    expect(body.length).toBe(mp4.length);
    expect(body[8 * MB + 5]).toBe(mp4[8 * MB + 5]);
  });

  it("sends audio with its duration, and refuses audio whose length is unknown", async () => {
    const calls = record();
    const { id } = await customerWrites("media-audio");
    const mp3 = bytes([0x49, 0x44, 0x33, 4], 5_000);
    const ok = await upload(agent, id, [["durationMs", "61000"], ["file", new File([mp3], "voice.mp3", { type: "audio/mpeg" })]]);
    expect(ok.status).toBe(200);
    expect(sentMessages(calls)[0]).toMatchObject({ type: "audio", duration: 61000 });
    const before = await objectCount();
    const missing = await upload(agent, id, [["file", new File([mp3], "voice.mp3", { type: "audio/mpeg" })]]);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain("LINE needs the length of an audio message");
    expect(await objectCount()).toBe(before);
  });

  it("sends other files as a text link, served as a download", async () => {
    const calls = record();
    const { id } = await customerWrites("media-file");
    const html = new TextEncoder().encode("<script>alert(1)</script>");
    const res = await upload(agent, id, [["file", new File([html], "見積書 v2.html", { type: "text/html" })]]);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("見積書 v2.html");
    const [message] = sentMessages(calls);
    expect(message?.type).toBe("text");
    const text = String(message?.text);
    expect(text.startsWith("📎 見積書 v2.html (25 B)\n")).toBe(true);
    const url = text.split("\n")[1] ?? "";
    expect(url).toMatch(MEDIA_URL);
    const served = await SELF.fetch(url);
    expect(served.headers.get("content-type")).toBe("application/octet-stream");
    expect(served.headers.get("content-disposition")).toContain("attachment;");
    expect(served.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("見積書 v2.html")}`);

    // "Send as a download link" turns a photo into a file link too.
    const asFile = await upload(agent, id, [["asFile", "1"], ["file", new File([bytes(PNG_HEAD, 100)], "scan.png", { type: "image/png" })]]);
    expect(asFile.status).toBe(200);
    expect(sentMessages(calls)[0]?.type).toBe("text");
  });

  it("refuses an image over 10 MB with 413 and keeps nothing in R2", async () => {
    const calls = record();
    const { id } = await customerWrites("media-big");
    const before = await objectCount();
    const res = await upload(agent, id, [["file", new File([bytes(JPEG_HEAD, 10 * MB + 1)], "huge.jpg", { type: "image/jpeg" })]]);
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain("Images can be at most 10 MB");
    expect(html).toContain('id="composer-tool-attach"');
    expect(await objectCount()).toBe(before);
    expect(sentMessages(calls)).toEqual([]);

    const declared = await SELF.fetch(`${ORIGIN}/inbox/c/${id}/compose/media`, {
      method: "POST",
      headers: { cookie: agent.cookie, origin: ORIGIN, "x-csrf-token": agent.csrf, "hx-request": "true", "content-type": "multipart/form-data; boundary=x", "content-length": String(300 * MB) },
      body: "--x--",
    });
    expect(declared.status).toBe(413);
  });

  it("refuses a file that is not what its name says, and an empty file input", async () => {
    const calls = record();
    const { id } = await customerWrites("media-fake");
    const fake = await upload(agent, id, [["file", new File([new TextEncoder().encode("not really a png")], "cat.png", { type: "image/png" })]]);
    expect(fake.status).toBe(422);
    expect(await fake.text()).toContain("not a JPEG or PNG image");
    const none = await upload(agent, id, [["file", new File([], "", { type: "application/octet-stream" })]]);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("Choose a file to send");
    expect(sentMessages(calls)).toEqual([]);
  });

  it("works as a plain form (CSRF token in the body) and is refused without it", async () => {
    const calls = record();
    const { id } = await customerWrites("media-nojs");
    const file = new File([bytes(JPEG_HEAD, 3_000)], "plain.jpg", { type: "image/jpeg" });
    const ok = await upload(agent, id, [["file", file]], { htmx: false, csrfInBody: true });
    expect(ok.status).toBe(303);
    expect(sentMessages(calls)[0]).toMatchObject({ type: "image" });
    const refused = await upload(agent, id, [["file", file]], { csrf: null });
    expect(refused.status).toBe(403);
  });
});

describe("public media route", () => {
  it("answers 404 for unknown or malformed tokens and names", async () => {
    for (const path of [`/media/o/${"A".repeat(32)}/photo.png`, "/media/o/short/photo.png", `/media/o/${"A".repeat(32)}/..%2Fsecret`, `/media/o/${"A".repeat(32)}/.hidden`]) {
      const res = await SELF.fetch(`${ORIGIN}${path}`);
      expect(res.status).toBe(404);
    }
  });
});
