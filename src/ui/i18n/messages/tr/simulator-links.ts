// Türkçe: simülatörün LINE hesap bağlama penceresi ve konsoldaki bekleyen bağlamalar.
import type { simulatorLinks as en } from "../en/simulator-links";
import type { Translation } from "../types";

export const simulatorLinks = {
  "simulator.links.title": "Hesap bağlamaları",
  "simulator.links.hint": "Uygulamanın son 10 dakikada verdiği bağlantı belirteçleri. accountLink olayını göndermek için LINE'ın hesap bağlama penceresini tamamlayın.",
  "simulator.links.none": "Bekleyen bağlantı belirteci yok.",
  "simulator.links.nonce": "Nonce",
  "simulator.links.result": "Sonuç",
  "simulator.links.ok": "Bağlandı",
  "simulator.links.failedOption": "Başarısız",
  "simulator.links.complete": "accountLink olayını gönder",
  "simulator.links.dialogTitle": "Hesabınızı bağlayın",
  "simulator.links.linked": "LINE hesabınız bağlandı.",
  "simulator.links.failed": "Hesap bağlanamadı.",
} as const satisfies Translation<typeof en>;
