// Türkçe: simülatörün sahte LINE Developers Console'u.
import type { simulatorConsole as en } from "../en/simulator-console";
import type { Translation } from "../types";

export const simulatorConsole = {
  "simulator.console.title": "LINE Developers Console",
  "simulator.console.pageTitle": "LINE Developers Console — LINE simülatörü",
  "simulator.console.intro": "Simülatörün sahte kanalları (yalnızca yerel; buradakilerin hiçbiri gerçek değil).",
  "simulator.console.back": "Telefona dön",
  "simulator.console.new": "Yeni Messaging API kanalı",
  "simulator.console.botName": "Bot adı",
  "simulator.console.defaultName": "Test hesabı {n}",
  "simulator.console.chatMode": "Sohbet (OA Manager)",
  "simulator.console.chatOn": "Açık: elle okundu",
  "simulator.console.chatOff": "Kapalı: otomatik okundu",
  "simulator.console.create": "Kanal oluştur",
  "simulator.console.addHint": "Bunu bir linedesk örneğinin Ayarlar → Kanallar sayfasına aşağıdaki kimlik bilgileriyle ekleyin; o örnek bu sahte LINE'a {variable} üzerinden ulaşır.",
  "simulator.console.chatOnNote": "Sohbet açık (elle okundu)",
  "simulator.console.chatOffNote": "Sohbet kapalı (otomatik okundu)",
  "simulator.console.fromEnv": "LINE_CHANNEL_* değişkenlerinden",
  "simulator.console.openPhone": "Telefonu aç",
  "simulator.console.channelId": "Kanal kimliği",
  "simulator.console.channelSecret": "Kanal gizli anahtarı",
  "simulator.console.accessToken": "Kanal erişim belirteci (uzun ömürlü)",
  "simulator.console.botUserId": "Bot kullanıcı kimliği (webhook hedefi)",
  "simulator.console.secretMissing": "(LINE_CHANNEL_SECRET ayarlanmamış)",
  "simulator.console.tokenMissing": "(LINE_CHANNEL_ACCESS_TOKEN ayarlanmamış)",
  "simulator.console.webhookUrl": "Webhook URL'si",
  "simulator.console.webhookOn": "Webhook kullan: açık",
  "simulator.console.webhookOff": "Webhook kullan: kapalı",
  "simulator.console.webhookNotSet": "ayarlanmamış — telefon bu örnekteki {url} adresine gönderir",
} as const satisfies Translation<typeof en>;
