// English: what the shipped workflow templates say to customers. A text left as
// shipped goes out in the customer's language; an edited one is sent as written.
export const workflowTemplates = {
  "workflows.tpl.faq.menu": "Hi {{contact.name}}! What can we help you with?",
  "workflows.tpl.faq.optHours": "Opening hours",
  "workflows.tpl.faq.optShipping": "Shipping",
  "workflows.tpl.faq.optHuman": "Talk to us",
  "workflows.tpl.faq.hours": "We are open Monday to Friday, 9:00–18:00.",
  "workflows.tpl.faq.shipping": "Orders ship within 2 working days; you get a tracking link by LINE.",
  "workflows.tpl.faq.human": "An agent will answer you here shortly.",
  "workflows.tpl.routing.language": "Which language would you like to chat in?",
  "workflows.tpl.routing.thanks": "Thank you! An agent will be with you shortly.",
  "workflows.tpl.sales.tell": "Thanks {{contact.name}}! Our sales team will contact you here.",
} as const;
