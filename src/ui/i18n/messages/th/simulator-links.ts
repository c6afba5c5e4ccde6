// ไทย: หน้าต่างเชื่อมบัญชี LINE ของซิมูเลเตอร์และลิงก์ที่รออยู่ในคอนโซล
import type { simulatorLinks as en } from "../en/simulator-links";
import type { Translation } from "../types";

export const simulatorLinks = {
  "simulator.links.title": "การเชื่อมบัญชี",
  "simulator.links.hint": "link token ที่แอปออกใน 10 นาทีที่ผ่านมา ทำหน้าต่างเชื่อมบัญชีของ LINE ให้เสร็จเพื่อส่งอีเวนต์ accountLink",
  "simulator.links.none": "ไม่มี link token ที่รออยู่",
  "simulator.links.nonce": "nonce",
  "simulator.links.result": "ผลลัพธ์",
  "simulator.links.ok": "เชื่อมสำเร็จ",
  "simulator.links.failedOption": "ล้มเหลว",
  "simulator.links.complete": "ส่งอีเวนต์ accountLink",
  "simulator.links.dialogTitle": "เชื่อมบัญชีของคุณ",
  "simulator.links.linked": "เชื่อมบัญชี LINE ของคุณแล้ว",
  "simulator.links.failed": "เชื่อมบัญชีไม่สำเร็จ",
} as const satisfies Translation<typeof en>;
