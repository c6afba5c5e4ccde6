// 日本語: 同梱ワークフローテンプレートがお客様に送るテキスト。
import type { workflowTemplates as en } from "../en/workflow-templates";
import type { Translation } from "../types";

export const workflowTemplates = {
  "workflows.tpl.faq.menu": "{{contact.name}}さん、こんにちは！どのようなご用件でしょうか？",
  "workflows.tpl.faq.optHours": "営業時間",
  "workflows.tpl.faq.optShipping": "配送について",
  "workflows.tpl.faq.optHuman": "担当者と話す",
  "workflows.tpl.faq.hours": "営業時間は月曜〜金曜の 9:00〜18:00 です。",
  "workflows.tpl.faq.shipping": "ご注文は 2 営業日以内に発送し、追跡リンクを LINE でお送りします。",
  "workflows.tpl.faq.human": "まもなく担当者がこちらでお返事します。",
  "workflows.tpl.routing.language": "ご希望の言語をお選びください。",
  "workflows.tpl.routing.thanks": "ありがとうございます！まもなく担当者が対応します。",
  "workflows.tpl.sales.tell": "{{contact.name}}さん、ありがとうございます！営業担当からこちらでご連絡します。",
} as const satisfies Translation<typeof en>;
