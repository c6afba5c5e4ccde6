// ไทย: การรวมผู้ติดต่อ (ตัวอย่าง การเลือกค่าต่อฟิลด์ ผลลัพธ์) และคำแนะนำการรวม
import type { contactsMerge as en } from "../en/contacts-merge";
import type { Translation } from "../types";

export const contactsMerge = {
  "contacts.merge.title": "รวมผู้ติดต่อ",
  "contacts.merge.lead": "ผู้ติดต่อหนึ่งรายจะเก็บทุกอย่าง: บัญชี LINE บทสนทนา แท็ก โน้ต และฟิลด์ที่กำหนดเอง รายอื่นจะส่งต่อมาที่รายนี้",
  "contacts.merge.survivor": "เก็บเป็นผู้ติดต่อหลัก",
  "contacts.merge.conversations.one": "{count} บทสนทนา",
  "contacts.merge.conversations.other": "{count} บทสนทนา",
  "contacts.merge.notes.one": "{count} โน้ต",
  "contacts.merge.notes.other": "{count} โน้ต",
  "contacts.merge.conflicts": "เลือกค่าที่จะเก็บไว้",
  "contacts.merge.noConflicts": "ไม่มีฟิลด์ที่ขัดแย้งกัน",
  "contacts.merge.carried": "รับค่า {label} มาด้วย: {value}",
  "contacts.merge.confirm": "รวมผู้ติดต่อ {count} ราย",
  "contacts.merge.cancel": "ยกเลิก",
  "contacts.merge.pickTwo": "เลือกผู้ติดต่อ 2 ถึง 10 รายเพื่อรวม",
  "contacts.merge.unavailable": "ผู้ติดต่อรายหนึ่งถูกรวมหรือลบไปแล้วในระหว่างนี้ เริ่มใหม่จากรายชื่อผู้ติดต่อ",
  "contacts.merge.choiceMissing": "เลือกค่าสำหรับ {label}",
  "contacts.merge.done": "รวมแล้ว บทสนทนาที่ย้ายมาที่ผู้ติดต่อนี้: {count}",
  "contacts.merge.systemLine": "{actor} รวม {names} เข้ากับผู้ติดต่อนี้",
  "contacts.merge.irreversible": "การรวมไม่สามารถย้อนกลับได้",
  "contacts.suggest.title": "คำแนะนำการรวม",
  "contacts.suggest.lead": "ผู้ติดต่อที่ดูเหมือนเป็นคนเดียวกัน จะไม่มีการรวมจนกว่าคุณจะตรวจสอบ",
  "contacts.suggest.empty": "ยังไม่มีคำแนะนำในตอนนี้",
  "contacts.suggest.reason.email": "อีเมลเดียวกัน: {value}",
  "contacts.suggest.reason.phone": "เบอร์โทรเดียวกัน: {value}",
  "contacts.suggest.reason.verified": "รหัสลูกค้าที่ยืนยันแล้วเดียวกัน: {value}",
  "contacts.suggest.reason.namePicture": "ชื่อและรูปเดียวกัน: {value}",
  "contacts.suggest.review": "ตรวจสอบการรวม",
  "contacts.suggest.dismiss": "ไม่ใช่คนเดียวกัน",
  "contacts.suggest.dismissed": "ซ่อนคำแนะนำแล้ว",
} as const satisfies Translation<typeof en>;
