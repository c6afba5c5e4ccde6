// ไทย: ข้อความที่เทมเพลตเวิร์กโฟลว์สำเร็จรูปส่งถึงลูกค้า
import type { workflowTemplates as en } from "../en/workflow-templates";
import type { Translation } from "../types";

export const workflowTemplates = {
  "workflows.tpl.faq.menu": "สวัสดีค่ะคุณ {{contact.name}}! มีอะไรให้เราช่วยไหมคะ",
  "workflows.tpl.faq.optHours": "เวลาทำการ",
  "workflows.tpl.faq.optShipping": "การจัดส่ง",
  "workflows.tpl.faq.optHuman": "คุยกับเจ้าหน้าที่",
  "workflows.tpl.faq.hours": "เราเปิดทำการวันจันทร์ถึงศุกร์ เวลา 9:00–18:00 น.",
  "workflows.tpl.faq.shipping": "เราจัดส่งสินค้าภายใน 2 วันทำการ และจะส่งลิงก์ติดตามพัสดุให้ทาง LINE",
  "workflows.tpl.faq.human": "เจ้าหน้าที่จะตอบคุณที่นี่ในไม่ช้า",
  "workflows.tpl.routing.language": "คุณต้องการแชทเป็นภาษาอะไรคะ",
  "workflows.tpl.routing.thanks": "ขอบคุณค่ะ! เจ้าหน้าที่จะดูแลคุณในไม่ช้า",
  "workflows.tpl.sales.tell": "ขอบคุณค่ะคุณ {{contact.name}}! ทีมขายของเราจะติดต่อคุณที่นี่",
} as const satisfies Translation<typeof en>;
