// 繁體中文（台灣）：內建工作流程範本傳給客戶的文字。
import type { workflowTemplates as en } from "../en/workflow-templates";
import type { Translation } from "../types";

export const workflowTemplates = {
  "workflows.tpl.faq.menu": "{{contact.name}} 您好！請問有什麼可以幫您？",
  "workflows.tpl.faq.optHours": "營業時間",
  "workflows.tpl.faq.optShipping": "配送",
  "workflows.tpl.faq.optHuman": "找客服人員",
  "workflows.tpl.faq.hours": "我們的營業時間為週一至週五 9:00–18:00。",
  "workflows.tpl.faq.shipping": "訂單會在 2 個工作天內出貨，追蹤連結會透過 LINE 傳給您。",
  "workflows.tpl.faq.human": "客服人員很快就會在這裡回覆您。",
  "workflows.tpl.routing.language": "請問您想使用哪種語言聊天？",
  "workflows.tpl.routing.thanks": "謝謝您！客服人員很快就會為您服務。",
  "workflows.tpl.sales.tell": "謝謝您，{{contact.name}}！我們的業務團隊會在這裡與您聯絡。",
} as const satisfies Translation<typeof en>;
