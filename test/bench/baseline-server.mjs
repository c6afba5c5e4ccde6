// The benchmark's baseline: a LINE webhook server in the shape developers usually deploy,
// following @line/bot-sdk's echo-bot example — express, the SDK's signature middleware on
// POST /callback, and a handler that awaits client.replyMessage() for every event before
// answering 200. The Messaging API client points at the local fake (fake-line.mjs).
// Nothing here is slowed down on purpose, and nothing is tuned beyond the example.
//
// Environment: CHANNEL_SECRET, CHANNEL_ACCESS_TOKEN, LINE_API_BASE_URL, PORT (0 = any).
// Prints one JSON line {"ready":true,"port":N} on stdout once it listens.
import express from "express";
import * as line from "@line/bot-sdk";

const config = { channelSecret: process.env.CHANNEL_SECRET ?? "" };
const client = new line.messagingApi.MessagingApiClient({
  channelAccessToken: process.env.CHANNEL_ACCESS_TOKEN ?? "bench-token",
  baseURL: process.env.LINE_API_BASE_URL,
});

const app = express();

app.post("/callback", line.middleware(config), (req, res) => {
  Promise.all(req.body.events.map(handleEvent))
    .then((result) => res.json(result))
    .catch((err) => {
      console.error(err);
      res.status(500).end();
    });
});

function handleEvent(event) {
  if (event.type !== "message" || event.message.type !== "text") {
    return Promise.resolve(null);
  }
  const echo = { type: "text", text: event.message.text };
  return client.replyMessage({ replyToken: event.replyToken, messages: [echo] });
}

const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ ready: true, port: server.address().port })}\n`);
});

// Stop when the parent (the bench runner) goes away or asks.
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => process.exit(0));
