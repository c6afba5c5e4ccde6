// 简体中文：每月消息额度标签，以及额度用完时回复框上方的提示。
import type { composerQuota as en } from "../en/composer-quota";
import type { Translation } from "../types";

export const composerQuota = {
  "composer.quota.loading": "正在加载每月消息额度…",
  "composer.quota.label": "每月 LINE 消息",
  "composer.quota.noChannel": "尚未连接 LINE 频道",
  "composer.quota.unknown": "尚未检查额度",
  "composer.quota.unlimited": "本月 {used} 条 · 无上限",
  "composer.quota.usage": "本月 {used} / {limit} 条",
  "composer.quota.left.one": "剩余 {count} 条 · {used} / {limit}",
  "composer.quota.left.other": "剩余 {count} 条 · {used} / {limit}",
  "composer.quota.reached": "已达本月上限",
  "composer.quota.reachedWith": "已达本月上限 · {used} / {limit}",
  "composer.quota.explain.unknown": "linedesk 尚未从 LINE 读取这个频道的额度。",
  "composer.quota.explain.unlimited": "这个 LINE 官方账号没有设置每月上限。",
  "composer.quota.explain.ok": "推送消息计入每月额度；在客户来消息后一分钟内回复是免费的。",
  "composer.quota.explain.warning": "本月消息额度快用完了。在客户来消息后一分钟内回复仍然免费。",
  "composer.quota.explain.exhausted": "在下个月或升级套餐之前，LINE 会拒绝推送消息。在客户来消息后一分钟内的回复仍可发出。",
  "composer.quota.explain.refused": "LINE 于 {time} 拒绝了推送：已达每月上限。LINE 报告仍有额度后，此提示会消失。",
  "composer.quota.checkedAt": "于 {time} 向 LINE 核对。",
  "composer.quota.checkNow": "点击立即向 LINE 核对。",
  "composer.quota.banner.title": "本月 LINE 消息额度已用完。",
  "composer.quota.banner.text": "在客户来消息后一分钟内的回复仍可免费发出；推送消息在下个月或升级套餐之前都会失败。",
  "composer.quota.banner.textWith": "已使用 {used} / {limit}。在客户来消息后一分钟内的回复仍可免费发出；推送消息在下个月或升级套餐之前都会失败。",
} as const satisfies Translation<typeof en>;
