// The translation layer's public face: t(), tn(), the locale context and language negotiation.
export { localeContext, setLocaleContext, withLocale, type LocaleContext } from "./context";
export { matchLanguage, negotiateLanguage } from "./negotiate";
export { clientMessages, formatNumber, type MessageKey, type Params, type PluralKey, t, tIn, tn } from "./translate";
