// Bahasa Indonesia: LINE Developers Console tiruan milik simulator.
import type { simulatorConsole as en } from "../en/simulator-console";
import type { Translation } from "../types";

export const simulatorConsole = {
  "simulator.console.title": "LINE Developers Console",
  "simulator.console.pageTitle": "LINE Developers Console — Simulator LINE",
  "simulator.console.intro": "Channel tiruan milik simulator (hanya lokal; tidak ada yang asli di sini).",
  "simulator.console.back": "Kembali ke ponsel",
  "simulator.console.new": "Channel Messaging API baru",
  "simulator.console.botName": "Nama bot",
  "simulator.console.defaultName": "Akun uji {n}",
  "simulator.console.chatMode": "Chat (OA Manager)",
  "simulator.console.chatOn": "Aktif: dibaca manual",
  "simulator.console.chatOff": "Nonaktif: dibaca otomatis",
  "simulator.console.create": "Buat channel",
  "simulator.console.addHint": "Tambahkan di Pengaturan → Channel pada instance linedesk dengan kredensial di bawah; instance itu menjangkau LINE tiruan ini melalui {variable}.",
  "simulator.console.chatOnNote": "Chat aktif (dibaca manual)",
  "simulator.console.chatOffNote": "Chat nonaktif (dibaca otomatis)",
  "simulator.console.fromEnv": "dari LINE_CHANNEL_*",
  "simulator.console.openPhone": "Buka ponsel",
  "simulator.console.channelId": "Channel ID",
  "simulator.console.channelSecret": "Channel secret",
  "simulator.console.accessToken": "Channel access token (jangka panjang)",
  "simulator.console.botUserId": "ID pengguna bot (tujuan webhook)",
  "simulator.console.secretMissing": "(LINE_CHANNEL_SECRET belum diatur)",
  "simulator.console.tokenMissing": "(LINE_CHANNEL_ACCESS_TOKEN belum diatur)",
  "simulator.console.webhookUrl": "URL webhook",
  "simulator.console.webhookOn": "Gunakan webhook: aktif",
  "simulator.console.webhookOff": "Gunakan webhook: nonaktif",
  "simulator.console.webhookNotSet": "belum diatur — ponsel mengirim ke {url} di instance ini",
} as const satisfies Translation<typeof en>;
