// Attachments: the upload (POST /inbox/c/:id/compose/media, multipart, streamed
// into R2 with LINE's limits) and the public download LINE fetches from
// (GET /media/o/:token/:filename — no session; the 192-bit token is the secret).
//
// Upload fields, in this order: _csrf, asFile?, durationMs? (or durationSec
// without JS), preview? (a ≤ 1 MB JPEG thumbnail composer.js draws), file.
import { zValidator } from "@hono/zod-validator";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { conversationStub } from "../conversations/service";
import type { AppEnv } from "../env";
import type { ConversationRow } from "../inbox/queries";
import { t } from "../ui/i18n";
import { ErrorPage } from "../ui/layout";
import { stickerUrlFor } from "../line/stickers";
import { afterSend, agentOf, conversationId, isHtmx, loadConversation, publicOrigin, statusData } from "./context";
import { firstIssue, mediaFields } from "./forms";
import {
  cleanFileName,
  detectKind,
  discardSink,
  FieldSink,
  MAX_UPLOAD_REQUEST,
  MEDIA_FILE_NAME,
  MEDIA_TOKEN,
  mediaKey,
  newMediaToken,
  PREVIEW_LIMIT,
  R2UploadSink,
  servedType,
  tooLargeMessage,
  UPLOAD_LIMITS,
  type UploadKind,
  urlFileName,
} from "./media-store";
import { mediaMessage } from "./messages";
import { boundaryOf, MultipartError, readMultipart } from "./multipart";
import { SentPartials } from "./views/sent";
import { AttachTool } from "./views/tools";

/** LINE needs a JPEG/PNG preview for videos; without one drawn by the browser, this generic poster. */
export const VIDEO_POSTER_PATH = "/composer-poster.png";
const PREVIEW_NAME = "preview.jpg";
const DEFAULT_EXT: Record<UploadKind, string> = { image: "jpg", video: "mp4", audio: "m4a", file: "bin" };

function disposition(type: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function problem(c: Context<AppEnv>, row: ConversationRow, status: 400 | 413 | 422, message: string) {
  const session = c.get("session");
  if (!isHtmx(c)) return c.html(<ErrorPage status={status} message={message} user={{ name: session.name, email: session.email }} csrfToken={session.csrfToken} />, status);
  return c.html(<AttachTool conversationId={row.id} csrfToken={session.csrfToken} error={message} open />, status);
}

interface MainUpload {
  sink: R2UploadSink;
  kind: UploadKind;
  fileName: string;
  urlName: string;
}

const MB = 1024 * 1024;
const tooBigRequest = () => t("composer.upload.tooBigRequest", { image: UPLOAD_LIMITS.image / MB, video: UPLOAD_LIMITS.video / MB, file: UPLOAD_LIMITS.file / MB });

export const mediaRoutes = new Hono<AppEnv>().post("/c/:id/compose/media", conversationId, async (c) => {
  const row = await loadConversation(c, c.req.valid("param").id);
  const boundary = boundaryOf(c.req.header("content-type"));
  if (!boundary) return problem(c, row, 422, t("composer.upload.chooseFile"));
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_UPLOAD_REQUEST) return problem(c, row, 413, tooBigRequest());

  const session = c.get("session");
  const token = newMediaToken();
  const fields: Record<string, string> = {};
  const got: { main: MainUpload | null; preview: R2UploadSink | null } = { main: null, preview: null };
  const metadata = { workspaceId: session.workspaceId, conversationId: row.id, agentId: session.userId };
  // A form posted without htmx carries _csrf in the body, so the CSRF guard already read (and buffered) it.
  const body = c.req.raw.bodyUsed ? new Blob([await c.req.arrayBuffer()]).stream() : c.req.raw.body;
  const discardAll = () => Promise.all([got.main?.sink.discard(), got.preview?.discard()]);
  if (!body) return problem(c, row, 422, t("composer.upload.chooseFile"));
  try {
    await readMultipart(
      body,
      boundary,
      (part) => {
        if (part.filename === null) return new FieldSink(4096, (v) => { if (v !== null) fields[part.name] = v; });
        if (part.name === "file" && part.filename && !got.main) {
          const fileName = cleanFileName(part.filename);
          const kind: UploadKind = fields.asFile ? "file" : detectKind(fileName, part.contentType);
          const urlName = urlFileName(fileName, DEFAULT_EXT[kind]);
          const served = kind === "file" ? servedType(part.contentType) : { contentType: part.contentType ?? "application/octet-stream", inline: true };
          const sink = new R2UploadSink(c.env.MEDIA, mediaKey(token, urlName), {
            maxBytes: UPLOAD_LIMITS[kind],
            tooLarge: tooLargeMessage(kind),
            sniffAs: kind === "file" ? undefined : kind,
            contentType: served.contentType,
            contentDisposition: disposition(served.inline ? "inline" : "attachment", fileName),
            customMetadata: { ...metadata, kind, name: encodeURIComponent(fileName) },
          });
          got.main = { sink, kind, fileName, urlName };
          return sink;
        }
        if (part.name === "preview" && part.filename && !got.preview) {
          got.preview = new R2UploadSink(c.env.MEDIA, mediaKey(token, PREVIEW_NAME), {
            maxBytes: PREVIEW_LIMIT,
            tooLarge: t("composer.upload.previewTooLarge"),
            sniffAs: "image",
            contentType: "image/jpeg",
            contentDisposition: "inline",
            customMetadata: { ...metadata, kind: "preview" },
          });
          return got.preview;
        }
        return discardSink;
      },
      MAX_UPLOAD_REQUEST,
    );
  } catch (error) {
    await discardAll();
    if (error instanceof MultipartError) return problem(c, row, error.status, error.status === 413 ? tooBigRequest() : t("composer.upload.incomplete"));
    throw error;
  }

  const upload = got.main;
  const thumb = got.preview;
  if (!upload) {
    await discardAll();
    return problem(c, row, 422, t("composer.upload.chooseFile"));
  }
  if (upload.sink.problem) {
    await discardAll();
    return problem(c, row, upload.sink.problem.status, upload.sink.problem.message);
  }
  const parsed = mediaFields.safeParse(fields);
  if (!parsed.success) {
    await discardAll();
    return problem(c, row, 422, firstIssue(parsed.error));
  }
  const durationMs = parsed.data.durationMs ?? (parsed.data.durationSec ? Math.round(parsed.data.durationSec * 1000) : undefined);
  if (upload.kind === "audio" && !durationMs) {
    await discardAll();
    return problem(c, row, 422, t("composer.upload.audioLength"));
  }

  const origin = publicOrigin(c);
  const url = `${origin}/media/o/${token}/${upload.urlName}`;
  // A preview that failed its checks is dropped; LINE then gets the image itself or the generic poster.
  const previewUrl = thumb && !thumb.problem ? `${origin}/media/o/${token}/${PREVIEW_NAME}` : upload.kind === "image" ? url : `${origin}${VIDEO_POSTER_PATH}`;
  if (thumb?.problem) await thumb.discard();
  const outgoing = mediaMessage(agentOf(c), { kind: upload.kind, url, previewUrl, fileName: upload.fileName, size: upload.sink.size, durationMs });
  const message = await conversationStub(c.env, row.id).send({ agent: agentOf(c), messages: outgoing.messages, preview: outgoing.preview });
  afterSend(c);
  if (!isHtmx(c)) return c.redirect(`/inbox/c/${row.id}`, 303);
  return c.html(
    <>
      <AttachTool conversationId={row.id} csrfToken={session.csrfToken} />
      <SentPartials message={message} conversationId={row.id} sourceType={row.sourceType} csrfToken={session.csrfToken} stickerUrl={stickerUrlFor(c.env)} status={await statusData(c, row)} />
    </>,
  );
});

const mediaParams = z.object({ token: z.string().regex(MEDIA_TOKEN), filename: z.string().regex(MEDIA_FILE_NAME) });

function missing(c: Context) {
  return c.text("Not found", 404, { "cache-control": "no-store" });
}

/** R2's answer to a Range header as start/length (fields may be present but undefined). */
function byteRange(range: R2Range, size: number): { start: number; length: number } {
  if ("suffix" in range && typeof range.suffix === "number") {
    const length = Math.min(range.suffix, size);
    return { start: size - length, length };
  }
  const start = "offset" in range && typeof range.offset === "number" ? range.offset : 0;
  const length = "length" in range && typeof range.length === "number" ? range.length : size - start;
  return { start, length: Math.max(0, Math.min(length, size - start)) };
}

/** GET /media/o/:token/:filename — public, immutable, with Range support (video players and LINE ask for byte ranges). */
export const publicMediaRoutes = new Hono<AppEnv>().get(
  "/o/:token/:filename",
  zValidator("param", mediaParams, (result, c) => {
    if (!result.success) return missing(c);
  }),
  async (c) => {
    const { token, filename } = c.req.valid("param");
    const headers = c.req.raw.headers;
    const object = await c.env.MEDIA.get(mediaKey(token, filename), { range: headers, onlyIf: headers });
    if (!object) return missing(c);
    const out = new Headers();
    object.writeHttpMetadata(out);
    out.set("etag", object.httpEtag);
    out.set("accept-ranges", "bytes");
    out.set("x-content-type-options", "nosniff");
    if (!("body" in object)) return new Response(null, { status: 304, headers: out });
    const range = object.range;
    if (range && headers.has("range")) {
      const { start, length } = byteRange(range, object.size);
      out.set("content-range", `bytes ${start}-${start + length - 1}/${object.size}`);
      out.set("content-length", String(length));
      return new Response(object.body, { status: 206, headers: out });
    }
    out.set("content-length", String(object.size));
    return new Response(object.body, { headers: out });
  },
);
