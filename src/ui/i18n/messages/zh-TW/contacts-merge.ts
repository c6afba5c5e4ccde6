// 繁體中文：合併聯絡人（預覽、逐欄選擇、結果）與合併建議。
import type { contactsMerge as en } from "../en/contacts-merge";
import type { Translation } from "../types";

export const contactsMerge = {
  "contacts.merge.title": "合併聯絡人",
  "contacts.merge.lead": "由一位聯絡人保留所有內容：LINE 帳號、對話、標籤、備註與自訂欄位。其他聯絡人會轉向這位聯絡人。",
  "contacts.merge.survivor": "保留為主要聯絡人",
  "contacts.merge.conversations.one": "{count} 則對話",
  "contacts.merge.conversations.other": "{count} 則對話",
  "contacts.merge.notes.one": "{count} 則備註",
  "contacts.merge.notes.other": "{count} 則備註",
  "contacts.merge.conflicts": "請選擇要保留的值",
  "contacts.merge.noConflicts": "沒有自訂欄位衝突。",
  "contacts.merge.carried": "將沿用 {label}：{value}",
  "contacts.merge.confirm": "合併 {count} 位聯絡人",
  "contacts.merge.cancel": "取消",
  "contacts.merge.pickTwo": "請選擇 2 到 10 位要合併的聯絡人。",
  "contacts.merge.unavailable": "其中一位聯絡人已在此期間被合併或移除。請從聯絡人目錄重新開始。",
  "contacts.merge.choiceMissing": "請為 {label} 選擇一個值。",
  "contacts.merge.done": "已合併。移至此聯絡人的對話：{count} 則",
  "contacts.merge.systemLine": "{actor} 已將 {names} 合併到此聯絡人",
  "contacts.merge.irreversible": "合併後無法復原。",
  "contacts.suggest.title": "合併建議",
  "contacts.suggest.lead": "看起來是同一人的聯絡人。經您確認前不會合併。",
  "contacts.suggest.empty": "目前沒有建議。",
  "contacts.suggest.reason.email": "相同的電子郵件：{value}",
  "contacts.suggest.reason.phone": "相同的電話：{value}",
  "contacts.suggest.reason.verified": "相同的已驗證顧客 ID：{value}",
  "contacts.suggest.reason.namePicture": "相同的名稱與頭像：{value}",
  "contacts.suggest.review": "檢視合併",
  "contacts.suggest.dismiss": "不是同一人",
  "contacts.suggest.dismissed": "已略過此建議。",
} as const satisfies Translation<typeof en>;
