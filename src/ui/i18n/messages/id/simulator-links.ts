// Bahasa Indonesia: dialog penautan akun LINE di simulator dan tautan yang menunggu di konsol.
import type { simulatorLinks as en } from "../en/simulator-links";
import type { Translation } from "../types";

export const simulatorLinks = {
  "simulator.links.title": "Penautan akun",
  "simulator.links.hint": "Link token yang diterbitkan aplikasi dalam 10 menit terakhir. Selesaikan dialog penautan akun LINE untuk mengirim event accountLink.",
  "simulator.links.none": "Tidak ada link token yang menunggu.",
  "simulator.links.nonce": "Nonce",
  "simulator.links.result": "Hasil",
  "simulator.links.ok": "Tertaut",
  "simulator.links.failedOption": "Gagal",
  "simulator.links.complete": "Kirim event accountLink",
  "simulator.links.dialogTitle": "Tautkan akun Anda",
  "simulator.links.linked": "Akun LINE Anda sudah ditautkan.",
  "simulator.links.failed": "Akun tidak dapat ditautkan.",
} as const satisfies Translation<typeof en>;
