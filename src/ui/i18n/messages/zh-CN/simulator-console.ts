// 简体中文：模拟器的 LINE Developers Console。
import type { simulatorConsole as en } from "../en/simulator-console";
import type { Translation } from "../types";

export const simulatorConsole = {
  "simulator.console.title": "LINE Developers Console",
  "simulator.console.pageTitle": "LINE Developers Console — LINE 模拟器",
  "simulator.console.intro": "模拟器的模拟 Channel（仅限本地，这里没有真实数据）。",
  "simulator.console.back": "返回手机界面",
  "simulator.console.new": "新建 Messaging API Channel",
  "simulator.console.botName": "机器人名称",
  "simulator.console.defaultName": "测试账号 {n}",
  "simulator.console.chatMode": "聊天（OA Manager）",
  "simulator.console.chatOn": "开启：手动已读",
  "simulator.console.chatOff": "关闭：自动已读",
  "simulator.console.create": "创建 Channel",
  "simulator.console.addHint": "请用下方凭据在 linedesk 的“设置 → Channel”中添加；该 linedesk 通过 {variable} 连接到这个模拟的 LINE。",
  "simulator.console.chatOnNote": "聊天开启（手动已读）",
  "simulator.console.chatOffNote": "聊天关闭（自动已读）",
  "simulator.console.fromEnv": "来自 LINE_CHANNEL_*",
  "simulator.console.openPhone": "打开手机界面",
  "simulator.console.channelId": "Channel ID",
  "simulator.console.channelSecret": "Channel secret",
  "simulator.console.accessToken": "Channel access token（长期）",
  "simulator.console.botUserId": "机器人用户 ID（Webhook 目标）",
  "simulator.console.secretMissing": "（未设置 LINE_CHANNEL_SECRET）",
  "simulator.console.tokenMissing": "（未设置 LINE_CHANNEL_ACCESS_TOKEN）",
  "simulator.console.webhookUrl": "Webhook URL",
  "simulator.console.webhookOn": "使用 Webhook：开启",
  "simulator.console.webhookOff": "使用 Webhook：关闭",
  "simulator.console.webhookNotSet": "未设置，手机界面会发送到此实例的 {url}",
} as const satisfies Translation<typeof en>;
