// 繁體中文：模擬器的 LINE 帳號連結對話框與主控台中等待的連結。
import type { simulatorLinks as en } from "../en/simulator-links";
import type { Translation } from "../types";

export const simulatorLinks = {
  "simulator.links.title": "帳號連結",
  "simulator.links.hint": "應用程式在過去 10 分鐘內核發的連結權杖。完成 LINE 的帳號連結對話框即可送出 accountLink 事件。",
  "simulator.links.none": "沒有等待中的連結權杖。",
  "simulator.links.nonce": "nonce",
  "simulator.links.result": "結果",
  "simulator.links.ok": "連結成功",
  "simulator.links.failedOption": "失敗",
  "simulator.links.complete": "送出 accountLink 事件",
  "simulator.links.dialogTitle": "連結您的帳號",
  "simulator.links.linked": "已連結您的 LINE 帳號。",
  "simulator.links.failed": "無法連結帳號。",
} as const satisfies Translation<typeof en>;
