// ไทย: LINE Developers Console จำลองของเครื่องจำลอง
import type { simulatorConsole as en } from "../en/simulator-console";
import type { Translation } from "../types";

export const simulatorConsole = {
  "simulator.console.title": "LINE Developers Console",
  "simulator.console.pageTitle": "LINE Developers Console — เครื่องจำลอง LINE",
  "simulator.console.intro": "ช่องทางจำลองของเครื่องจำลอง (ใช้ในเครื่องเท่านั้น ไม่มีของจริง)",
  "simulator.console.back": "กลับไปที่โทรศัพท์",
  "simulator.console.new": "ช่องทาง Messaging API ใหม่",
  "simulator.console.botName": "ชื่อบอท",
  "simulator.console.defaultName": "บัญชีทดสอบ {n}",
  "simulator.console.chatMode": "แชต (OA Manager)",
  "simulator.console.chatOn": "เปิด: อ่านด้วยตนเอง",
  "simulator.console.chatOff": "ปิด: อ่านอัตโนมัติ",
  "simulator.console.create": "สร้างช่องทาง",
  "simulator.console.addHint": "เพิ่มใน linedesk ที่ การตั้งค่า → ช่องทาง ด้วยข้อมูลรับรองด้านล่าง linedesk นั้นจะเชื่อมกับ LINE จำลองนี้ผ่าน {variable}",
  "simulator.console.chatOnNote": "เปิดแชต (อ่านด้วยตนเอง)",
  "simulator.console.chatOffNote": "ปิดแชต (อ่านอัตโนมัติ)",
  "simulator.console.fromEnv": "จาก LINE_CHANNEL_*",
  "simulator.console.openPhone": "เปิดโทรศัพท์",
  "simulator.console.channelId": "Channel ID",
  "simulator.console.channelSecret": "Channel secret",
  "simulator.console.accessToken": "Channel access token (ระยะยาว)",
  "simulator.console.botUserId": "User ID ของบอท (ปลายทาง Webhook)",
  "simulator.console.secretMissing": "(ยังไม่ได้ตั้งค่า LINE_CHANNEL_SECRET)",
  "simulator.console.tokenMissing": "(ยังไม่ได้ตั้งค่า LINE_CHANNEL_ACCESS_TOKEN)",
  "simulator.console.webhookUrl": "Webhook URL",
  "simulator.console.webhookOn": "ใช้ Webhook: เปิด",
  "simulator.console.webhookOff": "ใช้ Webhook: ปิด",
  "simulator.console.webhookNotSet": "ยังไม่ได้ตั้งค่า — โทรศัพท์จะส่งไปที่ {url} ของอินสแตนซ์นี้",
} as const satisfies Translation<typeof en>;
