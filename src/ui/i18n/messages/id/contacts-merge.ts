// Bahasa Indonesia: menggabungkan kontak (pratinjau, pilihan per kolom, hasil) dan saran penggabungan.
import type { contactsMerge as en } from "../en/contacts-merge";
import type { Translation } from "../types";

export const contactsMerge = {
  "contacts.merge.title": "Gabungkan kontak",
  "contacts.merge.lead": "Satu kontak menyimpan semuanya: akun LINE, percakapan, tag, catatan, dan kolom kustom. Kontak lainnya diteruskan ke kontak itu.",
  "contacts.merge.survivor": "Simpan sebagai kontak utama",
  "contacts.merge.conversations.one": "{count} percakapan",
  "contacts.merge.conversations.other": "{count} percakapan",
  "contacts.merge.notes.one": "{count} catatan",
  "contacts.merge.notes.other": "{count} catatan",
  "contacts.merge.conflicts": "Pilih nilai yang disimpan",
  "contacts.merge.noConflicts": "Tidak ada konflik kolom kustom.",
  "contacts.merge.carried": "{label} diambil alih: {value}",
  "contacts.merge.confirm": "Gabungkan {count} kontak",
  "contacts.merge.cancel": "Batal",
  "contacts.merge.pickTwo": "Pilih dua sampai sepuluh kontak untuk digabungkan.",
  "contacts.merge.unavailable": "Salah satu kontak ini sudah digabungkan atau dihapus. Mulai lagi dari direktori.",
  "contacts.merge.choiceMissing": "Pilih nilai untuk {label}.",
  "contacts.merge.done": "Digabungkan. Percakapan yang dipindahkan ke kontak ini: {count}.",
  "contacts.merge.systemLine": "{actor} menggabungkan {names} ke kontak ini",
  "contacts.merge.irreversible": "Penggabungan tidak dapat dibatalkan.",
  "contacts.suggest.title": "Saran penggabungan",
  "contacts.suggest.lead": "Kontak yang tampaknya satu orang. Tidak ada yang digabungkan sebelum Anda meninjaunya.",
  "contacts.suggest.empty": "Belum ada saran saat ini.",
  "contacts.suggest.reason.email": "Email sama: {value}",
  "contacts.suggest.reason.phone": "Telepon sama: {value}",
  "contacts.suggest.reason.verified": "ID pelanggan terverifikasi sama: {value}",
  "contacts.suggest.reason.namePicture": "Nama dan foto sama: {value}",
  "contacts.suggest.review": "Tinjau penggabungan",
  "contacts.suggest.dismiss": "Bukan orang yang sama",
  "contacts.suggest.dismissed": "Saran disembunyikan.",
} as const satisfies Translation<typeof en>;
