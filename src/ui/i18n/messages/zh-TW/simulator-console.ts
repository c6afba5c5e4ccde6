// 繁體中文（台灣）：模擬器的 LINE Developers Console。
import type { simulatorConsole as en } from "../en/simulator-console";
import type { Translation } from "../types";

export const simulatorConsole = {
  "simulator.console.title": "LINE Developers Console",
  "simulator.console.pageTitle": "LINE Developers Console — LINE 模擬器",
  "simulator.console.intro": "模擬器的模擬 Channel（僅限本機，這裡沒有真實資料）。",
  "simulator.console.back": "回到手機畫面",
  "simulator.console.new": "新的 Messaging API Channel",
  "simulator.console.botName": "機器人名稱",
  "simulator.console.defaultName": "測試帳號 {n}",
  "simulator.console.chatMode": "聊天（OA Manager）",
  "simulator.console.chatOn": "開啟：手動已讀",
  "simulator.console.chatOff": "關閉：自動已讀",
  "simulator.console.create": "建立 Channel",
  "simulator.console.addHint": "請用下方憑證在 linedesk 的「設定 → Channel」新增；該 linedesk 透過 {variable} 連到這個模擬的 LINE。",
  "simulator.console.chatOnNote": "聊天開啟（手動已讀）",
  "simulator.console.chatOffNote": "聊天關閉（自動已讀）",
  "simulator.console.fromEnv": "來自 LINE_CHANNEL_*",
  "simulator.console.openPhone": "開啟手機畫面",
  "simulator.console.channelId": "Channel ID",
  "simulator.console.channelSecret": "Channel secret",
  "simulator.console.accessToken": "Channel access token（長期）",
  "simulator.console.botUserId": "機器人使用者 ID（Webhook 目的地）",
  "simulator.console.secretMissing": "（尚未設定 LINE_CHANNEL_SECRET）",
  "simulator.console.tokenMissing": "（尚未設定 LINE_CHANNEL_ACCESS_TOKEN）",
  "simulator.console.webhookUrl": "Webhook URL",
  "simulator.console.webhookOn": "使用 Webhook：開啟",
  "simulator.console.webhookOff": "使用 Webhook：關閉",
  "simulator.console.webhookNotSet": "尚未設定，手機畫面會傳送到這個執行個體的 {url}",
} as const satisfies Translation<typeof en>;
