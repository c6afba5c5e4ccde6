// Bahasa Indonesia: lencana kuota pesan bulanan dan pemberitahuan di atas kotak balasan saat batas tercapai.
import type { composerQuota as en } from "../en/composer-quota";
import type { Translation } from "../types";

export const composerQuota = {
  "composer.quota.loading": "Memuat kuota pesan bulanan…",
  "composer.quota.label": "Pesan LINE bulanan",
  "composer.quota.noChannel": "Belum ada channel LINE yang terhubung",
  "composer.quota.unknown": "Kuota belum diperiksa",
  "composer.quota.unlimited": "{used} pesan bulan ini · tanpa batas",
  "composer.quota.usage": "{used} / {limit} pesan bulan ini",
  "composer.quota.left.one": "Sisa {count} pesan · {used} / {limit}",
  "composer.quota.left.other": "Sisa {count} pesan · {used} / {limit}",
  "composer.quota.reached": "Batas bulanan tercapai",
  "composer.quota.reachedWith": "Batas bulanan tercapai · {used} / {limit}",
  "composer.quota.explain.unknown": "linedesk belum membaca kuota channel ini dari LINE.",
  "composer.quota.explain.unlimited": "Tidak ada batas target bulanan untuk LINE Official Account ini.",
  "composer.quota.explain.ok": "Pesan push dihitung dalam batas bulanan; balasan dalam satu menit setelah pesan pelanggan gratis.",
  "composer.quota.explain.warning": "Hampir semua pesan bulan ini sudah terpakai. Balasan dalam satu menit setelah pesan pelanggan tetap gratis.",
  "composer.quota.explain.exhausted": "LINE menolak pesan push sampai bulan depan atau sampai paket ditingkatkan. Balasan dalam satu menit setelah pesan pelanggan tetap terkirim.",
  "composer.quota.explain.refused": "LINE menolak push pada {time}: batas bulanan tercapai. Pemberitahuan ini hilang begitu LINE melaporkan kuota tersedia lagi.",
  "composer.quota.checkedAt": "Diperiksa dengan LINE pada {time}.",
  "composer.quota.checkNow": "Tekan untuk memeriksa dengan LINE sekarang.",
  "composer.quota.banner.title": "Batas pesan LINE bulan ini sudah tercapai.",
  "composer.quota.banner.text": "Balasan dalam satu menit setelah pesan pelanggan tetap terkirim gratis; pesan push gagal sampai bulan depan atau sampai paket ditingkatkan.",
  "composer.quota.banner.textWith": "{used} / {limit} terpakai. Balasan dalam satu menit setelah pesan pelanggan tetap terkirim gratis; pesan push gagal sampai bulan depan atau sampai paket ditingkatkan.",
} as const satisfies Translation<typeof en>;
