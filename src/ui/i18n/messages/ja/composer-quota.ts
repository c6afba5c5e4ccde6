// 日本語: 月間メッセージ数のバッジと、上限に達したときの返信欄のお知らせ。
import type { composerQuota as en } from "../en/composer-quota";
import type { Translation } from "../types";

export const composerQuota = {
  "composer.quota.loading": "今月のメッセージ数を読み込み中…",
  "composer.quota.label": "今月のLINEメッセージ数",
  "composer.quota.noChannel": "LINEチャネルが接続されていません",
  "composer.quota.unknown": "送信数はまだ確認されていません",
  "composer.quota.unlimited": "今月{used}通 · 上限なし",
  "composer.quota.usage": "今月 {used} / {limit} 通",
  "composer.quota.left.one": "残り{count}通 · {used} / {limit}",
  "composer.quota.left.other": "残り{count}通 · {used} / {limit}",
  "composer.quota.reached": "今月の上限に達しました",
  "composer.quota.reachedWith": "今月の上限に達しました · {used} / {limit}",
  "composer.quota.explain.unknown": "linedesk はこのチャネルの送信数をまだLINEから取得していません。",
  "composer.quota.explain.unlimited": "このLINE公式アカウントには月間の上限が設定されていません。",
  "composer.quota.explain.ok": "プッシュ送信は月間の上限に含まれます。お客様のメッセージから1分以内の応答は無料です。",
  "composer.quota.explain.warning": "今月のメッセージはほぼ使い切りました。お客様のメッセージから1分以内の応答は引き続き無料です。",
  "composer.quota.explain.exhausted": "来月になるかプランを変更するまで、LINEはプッシュ送信を受け付けません。お客様のメッセージから1分以内の応答は送信できます。",
  "composer.quota.explain.refused": "{time}にLINEがプッシュ送信を拒否しました（月間の上限に到達）。LINEで余裕が確認でき次第、この表示は消えます。",
  "composer.quota.checkedAt": "{time}にLINEで確認しました。",
  "composer.quota.checkNow": "押すと今すぐLINEで確認します。",
  "composer.quota.banner.title": "今月のLINEメッセージの上限に達しました。",
  "composer.quota.banner.text": "お客様のメッセージから1分以内の応答は無料で送信できます。プッシュ送信は来月になるかプランを変更するまで失敗します。",
  "composer.quota.banner.textWith": "{used} / {limit} 通を使用済みです。お客様のメッセージから1分以内の応答は無料で送信できます。プッシュ送信は来月になるかプランを変更するまで失敗します。",
} as const satisfies Translation<typeof en>;
