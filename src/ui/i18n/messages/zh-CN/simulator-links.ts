// 简体中文：模拟器的 LINE 账号关联对话框与控制台中等待的关联。
import type { simulatorLinks as en } from "../en/simulator-links";
import type { Translation } from "../types";

export const simulatorLinks = {
  "simulator.links.title": "账号关联",
  "simulator.links.hint": "应用在过去 10 分钟内签发的关联令牌。完成 LINE 的账号关联对话框即可发送 accountLink 事件。",
  "simulator.links.none": "没有等待中的关联令牌。",
  "simulator.links.nonce": "nonce",
  "simulator.links.result": "结果",
  "simulator.links.ok": "关联成功",
  "simulator.links.failedOption": "失败",
  "simulator.links.complete": "发送 accountLink 事件",
  "simulator.links.dialogTitle": "关联您的账号",
  "simulator.links.linked": "已关联您的 LINE 账号。",
  "simulator.links.failed": "无法关联账号。",
} as const satisfies Translation<typeof en>;
