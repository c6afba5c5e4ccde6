// The language and time zone of the person a response is for, held per request
// (and per live frame rendered inside a Durable Object) in an AsyncLocalStorage,
// so views call t() and the date formatters without threading them through props.
import { AsyncLocalStorage } from "node:async_hooks";
import type { LanguageCode } from "../../lib/locales";

export interface LocaleContext {
  locale: LanguageCode;
  /** IANA time zone for dates and times, e.g. "Asia/Bangkok". */
  timeZone: string;
}

const storage = new AsyncLocalStorage<LocaleContext>();

export const DEFAULT_CONTEXT: LocaleContext = { locale: "en", timeZone: "UTC" };

/** The current request's (or frame's) locale context; English and UTC outside any. */
export function localeContext(): LocaleContext {
  return storage.getStore() ?? DEFAULT_CONTEXT;
}

/** Runs `fn` with this locale context (a request, or one live frame per language). */
export function withLocale<T>(context: LocaleContext, fn: () => T): T {
  return storage.run({ ...context }, fn);
}

/**
 * Changes the current context in place, e.g. once the session says which
 * language and time zone the signed-in agent chose. No-op outside a context.
 */
export function setLocaleContext(change: Partial<LocaleContext>): void {
  const store = storage.getStore();
  if (store) Object.assign(store, change);
}
