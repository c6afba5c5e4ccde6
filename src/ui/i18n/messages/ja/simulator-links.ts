// 日本語：シミュレーターのLINEアカウント連携ダイアログとコンソールの待機中の連携。
import type { simulatorLinks as en } from "../en/simulator-links";
import type { Translation } from "../types";

export const simulatorLinks = {
  "simulator.links.title": "アカウント連携",
  "simulator.links.hint": "過去10分間にアプリが発行した連携トークンです。LINEのアカウント連携ダイアログを完了すると、accountLinkイベントが送られます。",
  "simulator.links.none": "待機中の連携トークンはありません。",
  "simulator.links.nonce": "nonce",
  "simulator.links.result": "結果",
  "simulator.links.ok": "連携成功",
  "simulator.links.failedOption": "失敗",
  "simulator.links.complete": "accountLinkイベントを送る",
  "simulator.links.dialogTitle": "アカウントを連携",
  "simulator.links.linked": "LINEアカウントを連携しました。",
  "simulator.links.failed": "アカウントを連携できませんでした。",
} as const satisfies Translation<typeof en>;
