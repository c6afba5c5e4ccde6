// Password strength, judged by zxcvbn-ts (dictionaries of common passwords, names,
// words and keyboard patterns) rather than by character-class rules: `aaaaaaaaaa`
// and `password123` are refused, a long passphrase is accepted.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

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
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters for your password`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters for your password`;
  const inputs = related.flatMap((r) => r.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  // zxcvbn is quadratic in length; past 100 characters the first 100 decide.
  const result = estimator().check(password.slice(0, 100), inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0] ?? null;
  return `This password is too easy to guess${hint ? `: ${hint.replace(/\.$/, "")}` : ""}. Try a few unrelated words.`;
}
