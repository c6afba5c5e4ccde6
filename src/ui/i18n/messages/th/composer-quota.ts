// ไทย: ป้ายโควตาข้อความรายเดือน และแถบแจ้งเหนือช่องตอบกลับเมื่อครบโควตา
import type { composerQuota as en } from "../en/composer-quota";
import type { Translation } from "../types";

export const composerQuota = {
  "composer.quota.loading": "กำลังโหลดโควตาข้อความรายเดือน…",
  "composer.quota.label": "ข้อความ LINE รายเดือน",
  "composer.quota.noChannel": "ยังไม่ได้เชื่อมแชนเนล LINE",
  "composer.quota.unknown": "ยังไม่ได้ตรวจสอบโควตา",
  "composer.quota.unlimited": "เดือนนี้ {used} ข้อความ · ไม่จำกัด",
  "composer.quota.usage": "เดือนนี้ {used} / {limit} ข้อความ",
  "composer.quota.left.one": "เหลือ {count} ข้อความ · {used} / {limit}",
  "composer.quota.left.other": "เหลือ {count} ข้อความ · {used} / {limit}",
  "composer.quota.reached": "ครบโควตาเดือนนี้แล้ว",
  "composer.quota.reachedWith": "ครบโควตาเดือนนี้แล้ว · {used} / {limit}",
  "composer.quota.explain.unknown": "linedesk ยังไม่ได้อ่านโควตาของแชนเนลนี้จาก LINE",
  "composer.quota.explain.unlimited": "บัญชี LINE Official Account นี้ไม่ได้ตั้งขีดจำกัดรายเดือน",
  "composer.quota.explain.ok": "ข้อความแบบพุชนับรวมในโควตารายเดือน ส่วนการตอบกลับภายในหนึ่งนาทีหลังลูกค้าส่งข้อความนั้นฟรี",
  "composer.quota.explain.warning": "ใช้ข้อความของเดือนนี้เกือบหมดแล้ว การตอบกลับภายในหนึ่งนาทีหลังลูกค้าส่งข้อความยังฟรีอยู่",
  "composer.quota.explain.exhausted": "LINE จะไม่รับข้อความแบบพุชจนถึงเดือนหน้าหรือจนกว่าจะอัปเกรดแพ็กเกจ การตอบกลับภายในหนึ่งนาทีหลังลูกค้าส่งข้อความยังส่งได้",
  "composer.quota.explain.refused": "LINE ปฏิเสธการส่งแบบพุชเมื่อ {time} เพราะครบโควตารายเดือน แถบนี้จะหายไปเมื่อ LINE แจ้งว่ามีโควตาเหลือ",
  "composer.quota.checkedAt": "ตรวจสอบกับ LINE เมื่อ {time}",
  "composer.quota.checkNow": "กดเพื่อตรวจสอบกับ LINE ตอนนี้",
  "composer.quota.banner.title": "ครบโควตาข้อความ LINE ของเดือนนี้แล้ว",
  "composer.quota.banner.text": "การตอบกลับภายในหนึ่งนาทีหลังลูกค้าส่งข้อความยังส่งได้ฟรี ส่วนข้อความแบบพุชจะส่งไม่สำเร็จจนถึงเดือนหน้าหรือจนกว่าจะอัปเกรดแพ็กเกจ",
  "composer.quota.banner.textWith": "ใช้ไปแล้ว {used} / {limit} การตอบกลับภายในหนึ่งนาทีหลังลูกค้าส่งข้อความยังส่งได้ฟรี ส่วนข้อความแบบพุชจะส่งไม่สำเร็จจนถึงเดือนหน้าหรือจนกว่าจะอัปเกรดแพ็กเกจ",
} as const satisfies Translation<typeof en>;
