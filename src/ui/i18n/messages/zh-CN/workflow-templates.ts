// 简体中文：内置工作流模板发送给客户的文字。
import type { workflowTemplates as en } from "../en/workflow-templates";
import type { Translation } from "../types";

export const workflowTemplates = {
  "workflows.tpl.faq.menu": "{{contact.name}} 您好！请问有什么可以帮您？",
  "workflows.tpl.faq.optHours": "营业时间",
  "workflows.tpl.faq.optShipping": "配送",
  "workflows.tpl.faq.optHuman": "联系客服",
  "workflows.tpl.faq.hours": "我们的营业时间为周一至周五 9:00–18:00。",
  "workflows.tpl.faq.shipping": "订单会在 2 个工作日内发货，物流追踪链接会通过 LINE 发给您。",
  "workflows.tpl.faq.human": "客服很快就会在这里回复您。",
  "workflows.tpl.routing.language": "请问您想用哪种语言聊天？",
  "workflows.tpl.routing.thanks": "谢谢您！客服很快就会为您服务。",
  "workflows.tpl.sales.tell": "谢谢您，{{contact.name}}！我们的销售团队会在这里与您联系。",
} as const satisfies Translation<typeof en>;
