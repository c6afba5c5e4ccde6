// 日本語：連絡先の統合（プレビュー、フィールドごとの選択、結果）と統合の候補。
import type { contactsMerge as en } from "../en/contacts-merge";
import type { Translation } from "../types";

export const contactsMerge = {
  "contacts.merge.title": "連絡先を統合",
  "contacts.merge.lead": "1件の連絡先にLINEアカウント、会話、タグ、メモ、カスタムフィールドをすべてまとめます。ほかの連絡先はその連絡先に転送されます。",
  "contacts.merge.survivor": "メインの連絡先として残す",
  "contacts.merge.conversations.one": "会話{count}件",
  "contacts.merge.conversations.other": "会話{count}件",
  "contacts.merge.notes.one": "メモ{count}件",
  "contacts.merge.notes.other": "メモ{count}件",
  "contacts.merge.conflicts": "残す値を選んでください",
  "contacts.merge.noConflicts": "カスタムフィールドの競合はありません。",
  "contacts.merge.carried": "{label}を引き継ぎます：{value}",
  "contacts.merge.confirm": "{count}件の連絡先を統合",
  "contacts.merge.cancel": "キャンセル",
  "contacts.merge.pickTwo": "統合する連絡先を2〜10件選んでください。",
  "contacts.merge.unavailable": "この間にいずれかの連絡先が統合または削除されました。連絡先一覧からやり直してください。",
  "contacts.merge.choiceMissing": "{label}の値を選んでください。",
  "contacts.merge.done": "統合しました。この連絡先に移った会話：{count}件",
  "contacts.merge.systemLine": "{actor}が{names}をこの連絡先に統合しました",
  "contacts.merge.irreversible": "統合は元に戻せません。",
  "contacts.suggest.title": "統合の候補",
  "contacts.suggest.lead": "同じ人物と思われる連絡先です。確認するまで統合はされません。",
  "contacts.suggest.empty": "現在、候補はありません。",
  "contacts.suggest.reason.email": "同じメールアドレス：{value}",
  "contacts.suggest.reason.phone": "同じ電話番号：{value}",
  "contacts.suggest.reason.verified": "同じ認証済み顧客ID：{value}",
  "contacts.suggest.reason.namePicture": "同じ名前と画像：{value}",
  "contacts.suggest.review": "統合を確認",
  "contacts.suggest.dismiss": "別の人物",
  "contacts.suggest.dismissed": "候補を非表示にしました。",
} as const satisfies Translation<typeof en>;
