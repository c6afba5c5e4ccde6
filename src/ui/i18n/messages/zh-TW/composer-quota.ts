// 繁體中文（台灣）：每月訊息額度標籤，以及額度用完時回覆框上方的提示。
import type { composerQuota as en } from "../en/composer-quota";
import type { Translation } from "../types";

export const composerQuota = {
  "composer.quota.loading": "正在載入每月訊息額度…",
  "composer.quota.label": "每月 LINE 訊息",
  "composer.quota.noChannel": "尚未連接 LINE 頻道",
  "composer.quota.unknown": "尚未確認額度",
  "composer.quota.unlimited": "本月 {used} 則 · 無上限",
  "composer.quota.usage": "本月 {used} / {limit} 則",
  "composer.quota.left.one": "剩 {count} 則 · {used} / {limit}",
  "composer.quota.left.other": "剩 {count} 則 · {used} / {limit}",
  "composer.quota.reached": "已達本月上限",
  "composer.quota.reachedWith": "已達本月上限 · {used} / {limit}",
  "composer.quota.explain.unknown": "linedesk 尚未從 LINE 讀取這個頻道的額度。",
  "composer.quota.explain.unlimited": "這個 LINE 官方帳號沒有設定每月上限。",
  "composer.quota.explain.ok": "推播訊息會計入每月額度；在顧客來訊後一分鐘內回覆則免費。",
  "composer.quota.explain.warning": "本月的訊息額度快用完了。在顧客來訊後一分鐘內回覆仍然免費。",
  "composer.quota.explain.exhausted": "在下個月或升級方案之前，LINE 會拒絕推播訊息。在顧客來訊後一分鐘內的回覆仍可送出。",
  "composer.quota.explain.refused": "LINE 於 {time} 拒絕了推播：已達每月上限。LINE 回報仍有額度時，這個提示就會消失。",
  "composer.quota.checkedAt": "於 {time} 向 LINE 確認。",
  "composer.quota.checkNow": "按一下立即向 LINE 確認。",
  "composer.quota.banner.title": "本月的 LINE 訊息額度已用完。",
  "composer.quota.banner.text": "在顧客來訊後一分鐘內的回覆仍可免費送出；推播訊息在下個月或升級方案之前都會失敗。",
  "composer.quota.banner.textWith": "已使用 {used} / {limit}。在顧客來訊後一分鐘內的回覆仍可免費送出；推播訊息在下個月或升級方案之前都會失敗。",
} as const satisfies Translation<typeof en>;
