// Türkçe: hazır iş akışı şablonlarının müşterilere gönderdiği metinler.
import type { workflowTemplates as en } from "../en/workflow-templates";
import type { Translation } from "../types";

export const workflowTemplates = {
  "workflows.tpl.faq.menu": "Merhaba {{contact.name}}! Size nasıl yardımcı olabiliriz?",
  "workflows.tpl.faq.optHours": "Çalışma saatleri",
  "workflows.tpl.faq.optShipping": "Kargo",
  "workflows.tpl.faq.optHuman": "Bizimle konuşun",
  "workflows.tpl.faq.hours": "Pazartesi–Cuma 9:00–18:00 arası açığız.",
  "workflows.tpl.faq.shipping": "Siparişler 2 iş günü içinde kargoya verilir; takip bağlantısını LINE'dan alırsınız.",
  "workflows.tpl.faq.human": "Bir temsilcimiz size kısa süre içinde buradan yanıt verecek.",
  "workflows.tpl.routing.language": "Hangi dilde sohbet etmek istersiniz?",
  "workflows.tpl.routing.thanks": "Teşekkürler! Bir temsilcimiz kısa süre içinde sizinle olacak.",
  "workflows.tpl.sales.tell": "Teşekkürler {{contact.name}}! Satış ekibimiz sizinle buradan iletişime geçecek.",
} as const satisfies Translation<typeof en>;
