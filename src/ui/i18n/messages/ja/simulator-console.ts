// 日本語: シミュレーターの偽のLINE Developersコンソール。
import type { simulatorConsole as en } from "../en/simulator-console";
import type { Translation } from "../types";

export const simulatorConsole = {
  "simulator.console.title": "LINE Developersコンソール",
  "simulator.console.pageTitle": "LINE Developersコンソール — LINEシミュレーター",
  "simulator.console.intro": "シミュレーターの偽のチャネルです（ローカル専用。本物は含まれません）。",
  "simulator.console.back": "スマホ画面に戻る",
  "simulator.console.new": "新しいMessaging APIチャネル",
  "simulator.console.botName": "ボット名",
  "simulator.console.defaultName": "テストアカウント{n}",
  "simulator.console.chatMode": "チャット（OA Manager）",
  "simulator.console.chatOn": "オン：手動で既読",
  "simulator.console.chatOff": "オフ：自動で既読",
  "simulator.console.create": "チャネルを作成",
  "simulator.console.addHint": "linedesk の設定 → チャネルに下の認証情報で追加してください。そのlinedeskは {variable} でこの偽のLINEに接続します。",
  "simulator.console.chatOnNote": "チャット オン（手動で既読）",
  "simulator.console.chatOffNote": "チャット オフ（自動で既読）",
  "simulator.console.fromEnv": "LINE_CHANNEL_* から",
  "simulator.console.openPhone": "スマホ画面を開く",
  "simulator.console.channelId": "チャネルID",
  "simulator.console.channelSecret": "チャネルシークレット",
  "simulator.console.accessToken": "チャネルアクセストークン（長期）",
  "simulator.console.botUserId": "ボットのユーザーID（Webhookの宛先）",
  "simulator.console.secretMissing": "（LINE_CHANNEL_SECRET が未設定です）",
  "simulator.console.tokenMissing": "（LINE_CHANNEL_ACCESS_TOKEN が未設定です）",
  "simulator.console.webhookUrl": "Webhook URL",
  "simulator.console.webhookOn": "Webhookの利用：オン",
  "simulator.console.webhookOff": "Webhookの利用：オフ",
  "simulator.console.webhookNotSet": "未設定。スマホ画面はこのインスタンスの {url} に送信します",
} as const satisfies Translation<typeof en>;
