// Builds what the composer sends: the LINE message objects (through
// line/messages.ts, the builders rules and workflows use too) and the
// MessageBody the thread shows. Pure — no I/O. Every message carries the
// agent's name as LINE's `sender.name`, like sendText does.
import type { MessageBody, QuickReplyButton } from "../conversations/model";
import type { LineMessage } from "../line/client";
import * as line from "../line/messages";
import { senderFor } from "../line/sender";

export interface Agent {
  id: string | null;
  name: string;
}

export interface Outgoing {
  messages: LineMessage[];
  preview: MessageBody;
}

export function textMessage(
  agent: Agent,
  input: { text: string; quoteToken?: string; quotedMessageId?: string; quickReplies?: QuickReplyButton[] },
): Outgoing {
  const buttons = input.quickReplies ?? [];
  const message = line.textMessage(input.text, { sender: senderFor(agent), ...(input.quoteToken ? { quoteToken: input.quoteToken } : {}) });
  return {
    messages: line.withQuickReplies([message], line.messageChoices(buttons)),
    preview: {
      type: "text",
      text: input.text,
      ...(input.quoteToken && input.quotedMessageId ? { quotedMessageId: input.quotedMessageId } : {}),
      ...(buttons.length ? { quickReplies: buttons } : {}),
    },
  };
}

export function stickerMessage(agent: Agent, input: { packageId: string; stickerId: string; quoteToken?: string }): Outgoing {
  const message = line.stickerMessage(input.packageId, input.stickerId, { sender: senderFor(agent), ...(input.quoteToken ? { quoteToken: input.quoteToken } : {}) });
  return { messages: [message], preview: { type: "sticker", packageId: input.packageId, stickerId: input.stickerId } };
}

export function locationMessage(agent: Agent, input: { title: string; address: string; latitude: number; longitude: number }): Outgoing {
  const message = line.locationMessage(input, { sender: senderFor(agent) });
  return { messages: [message], preview: { type: "location", ...input } };
}

/** An uploaded file as LINE must fetch it: absolute HTTPS URLs on our public media route. */
export interface StoredUpload {
  kind: "image" | "video" | "audio" | "file";
  url: string;
  /** Image/video thumbnail (≤ 1 MB JPEG/PNG). */
  previewUrl: string;
  fileName: string;
  size: number;
  durationMs?: number;
}

export function mediaMessage(agent: Agent, upload: StoredUpload): Outgoing {
  const sender = senderFor(agent);
  switch (upload.kind) {
    case "image": {
      const message = line.imageMessage(upload.url, upload.previewUrl, { sender });
      return { messages: [message], preview: { type: "image", externalUrl: upload.url, previewUrl: upload.previewUrl } };
    }
    case "video": {
      const message = line.videoMessage(upload.url, upload.previewUrl, { sender });
      return {
        messages: [message],
        preview: { type: "video", externalUrl: upload.url, previewUrl: upload.previewUrl, ...(upload.durationMs ? { durationMs: upload.durationMs } : {}) },
      };
    }
    case "audio": {
      const durationMs = upload.durationMs ?? 0;
      const message = line.audioMessage(upload.url, durationMs, { sender });
      return { messages: [message], preview: { type: "audio", externalUrl: upload.url, durationMs } };
    }
    case "file": {
      // LINE cannot send files: the customer gets a text message with the download link.
      const message = line.textMessage(fileLinkText(upload.fileName, upload.size, upload.url), { sender });
      return { messages: [message], preview: { type: "file", fileName: upload.fileName, fileSize: upload.size, url: upload.url } };
    }
  }
}

export function fileLinkText(fileName: string, size: number, url: string): string {
  return `📎 ${fileName} (${sizeLabel(size)})\n${url}`;
}

export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / 1024 / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** {{contact.name}} and {{agent.name}} in a canned reply, filled in (other text untouched). */
export function fillTemplate(body: string, values: { contactName: string; agentName: string }): string {
  return body.replace(/\{\{\s*(contact|agent)\.name\s*\}\}/g, (_, who: string) => (who === "contact" ? values.contactName : values.agentName));
}
