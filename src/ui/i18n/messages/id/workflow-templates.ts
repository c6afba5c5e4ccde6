// Bahasa Indonesia: teks yang dikirim templat alur kerja bawaan kepada pelanggan.
import type { workflowTemplates as en } from "../en/workflow-templates";
import type { Translation } from "../types";

export const workflowTemplates = {
  "workflows.tpl.faq.menu": "Halo {{contact.name}}! Ada yang bisa kami bantu?",
  "workflows.tpl.faq.optHours": "Jam buka",
  "workflows.tpl.faq.optShipping": "Pengiriman",
  "workflows.tpl.faq.optHuman": "Bicara dengan kami",
  "workflows.tpl.faq.hours": "Kami buka Senin sampai Jumat, pukul 9.00–18.00.",
  "workflows.tpl.faq.shipping": "Pesanan dikirim dalam 2 hari kerja; tautan pelacakan dikirim lewat LINE.",
  "workflows.tpl.faq.human": "Agen kami akan segera membalas Anda di sini.",
  "workflows.tpl.routing.language": "Anda ingin mengobrol dalam bahasa apa?",
  "workflows.tpl.routing.thanks": "Terima kasih! Agen kami akan segera melayani Anda.",
  "workflows.tpl.sales.tell": "Terima kasih, {{contact.name}}! Tim penjualan kami akan menghubungi Anda di sini.",
} as const satisfies Translation<typeof en>;
