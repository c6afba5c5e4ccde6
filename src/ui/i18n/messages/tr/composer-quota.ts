// Türkçe: aylık mesaj kotası rozeti ve sınıra ulaşıldığında yanıt kutusunun üstündeki uyarı.
import type { composerQuota as en } from "../en/composer-quota";
import type { Translation } from "../types";

export const composerQuota = {
  "composer.quota.loading": "Aylık mesaj kotası yükleniyor…",
  "composer.quota.label": "Aylık LINE mesajları",
  "composer.quota.noChannel": "Bağlı LINE kanalı yok",
  "composer.quota.unknown": "Kota henüz kontrol edilmedi",
  "composer.quota.unlimited": "Bu ay {used} mesaj · sınır yok",
  "composer.quota.usage": "Bu ay {used} / {limit} mesaj",
  "composer.quota.left.one": "{count} mesaj kaldı · {used} / {limit}",
  "composer.quota.left.other": "{count} mesaj kaldı · {used} / {limit}",
  "composer.quota.reached": "Aylık sınıra ulaşıldı",
  "composer.quota.reachedWith": "Aylık sınıra ulaşıldı · {used} / {limit}",
  "composer.quota.explain.unknown": "linedesk bu kanalın kotasını henüz LINE'dan okumadı.",
  "composer.quota.explain.unlimited": "Bu LINE Official Account için aylık hedef sınır belirlenmemiş.",
  "composer.quota.explain.ok": "Push mesajları aylık sınırdan düşer; müşterinin mesajından sonraki bir dakika içindeki yanıtlar ücretsizdir.",
  "composer.quota.explain.warning": "Bu ayın mesajlarının neredeyse tamamı kullanıldı. Müşterinin mesajından sonraki bir dakika içindeki yanıtlar ücretsiz kalır.",
  "composer.quota.explain.exhausted": "LINE, gelecek aya ya da paket yükseltilene kadar push mesajlarını reddeder. Müşterinin mesajından sonraki bir dakika içindeki yanıtlar yine gönderilir.",
  "composer.quota.explain.refused": "LINE {time} tarihinde bir push'u reddetti: aylık sınıra ulaşıldı. LINE tekrar yer olduğunu bildirdiğinde bu uyarı kalkar.",
  "composer.quota.checkedAt": "LINE ile {time} tarihinde kontrol edildi.",
  "composer.quota.checkNow": "Şimdi LINE ile kontrol etmek için basın.",
  "composer.quota.banner.title": "Bu ayın LINE mesaj sınırına ulaşıldı.",
  "composer.quota.banner.text": "Müşterinin mesajından sonraki bir dakika içindeki yanıtlar yine ücretsiz gönderilir; push mesajları gelecek aya ya da paket yükseltilene kadar başarısız olur.",
  "composer.quota.banner.textWith": "{used} / {limit} kullanıldı. Müşterinin mesajından sonraki bir dakika içindeki yanıtlar yine ücretsiz gönderilir; push mesajları gelecek aya ya da paket yükseltilene kadar başarısız olur.",
} as const satisfies Translation<typeof en>;
