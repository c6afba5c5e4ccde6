// Türkçe: kişileri birleştirme (önizleme, alan başına seçim, sonuç) ve birleştirme önerileri.
import type { contactsMerge as en } from "../en/contacts-merge";
import type { Translation } from "../types";

export const contactsMerge = {
  "contacts.merge.title": "Kişileri birleştir",
  "contacts.merge.lead": "Bir kişi her şeyi alır: LINE hesapları, konuşmalar, etiketler, notlar ve özel alanlar. Diğerleri bu kişiye yönlendirilir.",
  "contacts.merge.survivor": "Ana kişi olarak tut",
  "contacts.merge.conversations.one": "{count} konuşma",
  "contacts.merge.conversations.other": "{count} konuşma",
  "contacts.merge.notes.one": "{count} not",
  "contacts.merge.notes.other": "{count} not",
  "contacts.merge.conflicts": "Hangi değerin kalacağını seçin",
  "contacts.merge.noConflicts": "Özel alan çakışması yok.",
  "contacts.merge.carried": "{label} aktarılıyor: {value}",
  "contacts.merge.confirm": "{count} kişiyi birleştir",
  "contacts.merge.cancel": "İptal",
  "contacts.merge.pickTwo": "Birleştirmek için iki ile on arasında kişi seçin.",
  "contacts.merge.unavailable": "Bu kişilerden biri bu arada birleştirildi veya kaldırıldı. Dizinden yeniden başlayın.",
  "contacts.merge.choiceMissing": "{label} için bir değer seçin.",
  "contacts.merge.done": "Birleştirildi. Bu kişiye taşınan konuşmalar: {count}.",
  "contacts.merge.systemLine": "{actor}, {names} kişisini bu kişiyle birleştirdi",
  "contacts.merge.irreversible": "Birleştirme geri alınamaz.",
  "contacts.suggest.title": "Birleştirme önerileri",
  "contacts.suggest.lead": "Aynı kişi gibi görünen kişiler. Siz incelemeden hiçbir şey birleştirilmez.",
  "contacts.suggest.empty": "Şu anda öneri yok.",
  "contacts.suggest.reason.email": "Aynı e-posta: {value}",
  "contacts.suggest.reason.phone": "Aynı telefon: {value}",
  "contacts.suggest.reason.verified": "Aynı doğrulanmış müşteri kimliği: {value}",
  "contacts.suggest.reason.namePicture": "Aynı ad ve fotoğraf: {value}",
  "contacts.suggest.review": "Birleştirmeyi incele",
  "contacts.suggest.dismiss": "Aynı kişi değil",
  "contacts.suggest.dismissed": "Öneri kapatıldı.",
} as const satisfies Translation<typeof en>;
