// How the app answered a webhook, in the reader's language. The simulator stores it as
// `pending`, `ok <status>` or `failed: <status | reason>` (phone.ts).
import { t } from "../../ui/i18n";

const REASONS: Record<string, () => string> = {
  "failed: timeout": () => t("simulator.delivery.timeout"),
  "failed: app unreachable": () => t("simulator.delivery.unreachable"),
  "failed: LINE_CHANNEL_SECRET is not set": () => t("simulator.delivery.noSecret"),
};

export function deliveryLabel(delivery: string): string {
  if (delivery === "pending") return t("simulator.delivery.pending");
  const reason = REASONS[delivery];
  if (reason) return reason();
  const ok = /^ok (\d{3})$/.exec(delivery);
  if (ok?.[1]) return t("simulator.delivery.ok", { status: ok[1] });
  const failed = /^failed: (\d{3})$/.exec(delivery);
  if (failed?.[1]) return t("simulator.delivery.failedStatus", { status: failed[1] });
  return delivery;
}
