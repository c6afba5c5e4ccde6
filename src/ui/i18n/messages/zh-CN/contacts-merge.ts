// 简体中文：合并联系人（预览、逐字段选择、结果）与合并建议。
import type { contactsMerge as en } from "../en/contacts-merge";
import type { Translation } from "../types";

export const contactsMerge = {
  "contacts.merge.title": "合并联系人",
  "contacts.merge.lead": "由一位联系人保留全部内容：LINE 账号、会话、标签、备注和自定义字段。其他联系人会转向这位联系人。",
  "contacts.merge.survivor": "保留为主联系人",
  "contacts.merge.conversations.one": "{count} 个会话",
  "contacts.merge.conversations.other": "{count} 个会话",
  "contacts.merge.notes.one": "{count} 条备注",
  "contacts.merge.notes.other": "{count} 条备注",
  "contacts.merge.conflicts": "请选择要保留的值",
  "contacts.merge.noConflicts": "没有自定义字段冲突。",
  "contacts.merge.carried": "将沿用 {label}：{value}",
  "contacts.merge.confirm": "合并 {count} 位联系人",
  "contacts.merge.cancel": "取消",
  "contacts.merge.pickTwo": "请选择 2 到 10 位要合并的联系人。",
  "contacts.merge.unavailable": "其中一位联系人已在此期间被合并或移除。请从联系人目录重新开始。",
  "contacts.merge.choiceMissing": "请为 {label} 选择一个值。",
  "contacts.merge.done": "已合并。移到此联系人的会话：{count} 个",
  "contacts.merge.systemLine": "{actor} 已将 {names} 合并到此联系人",
  "contacts.merge.irreversible": "合并后无法撤销。",
  "contacts.suggest.title": "合并建议",
  "contacts.suggest.lead": "看起来是同一个人的联系人。经您确认前不会合并。",
  "contacts.suggest.empty": "目前没有建议。",
  "contacts.suggest.reason.email": "相同的邮箱：{value}",
  "contacts.suggest.reason.phone": "相同的电话：{value}",
  "contacts.suggest.reason.verified": "相同的已验证顾客 ID：{value}",
  "contacts.suggest.reason.namePicture": "相同的名称和头像：{value}",
  "contacts.suggest.review": "查看合并",
  "contacts.suggest.dismiss": "不是同一个人",
  "contacts.suggest.dismissed": "已忽略此建议。",
} as const satisfies Translation<typeof en>;
