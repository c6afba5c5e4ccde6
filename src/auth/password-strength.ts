// Password strength, judged by zxcvbn-ts (dictionaries of common passwords, names,
// words and keyboard patterns) rather than by character-class rules: `aaaaaaaaaa`
// and `password123` are refused, a long passphrase is accepted.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { localeContext, t } from "../ui/i18n";

/** zxcvbn's 0–4 score; 3 means "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

let factory: ZxcvbnFactory | null = null;

function estimator(): ZxcvbnFactory {
  // Built on first use: loading the dictionaries costs a few ms, once per isolate.
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/**
 * Why a password is too weak, in words a person can act on, or null when it is
 * strong enough. `related` are words the password must not lean on (the
 * person's name and email, the workspace name).
 */
export function passwordProblem(password: string, related: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return t("auth.password.tooShort", { min: MIN_PASSWORD_LENGTH });
  if (password.length > MAX_PASSWORD_LENGTH) return t("auth.password.tooLong", { max: MAX_PASSWORD_LENGTH });
  const inputs = related.flatMap((r) => r.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  // zxcvbn is quadratic in length; past 100 characters the first 100 decide.
  const result = estimator().check(password.slice(0, 100), inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  // zxcvbn explains itself in English only: other languages get the general advice.
  const hint = localeContext().locale === "en" ? (result.feedback.warning ?? result.feedback.suggestions[0] ?? null) : null;
  return hint ? t("auth.password.weakBecause", { reason: hint.replace(/\.$/, "") }) : t("auth.password.weak");
}
