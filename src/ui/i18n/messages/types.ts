// The shape every language's catalog must have: the English catalog's keys, each a string.
import type { en } from "./en";

export type Messages = typeof en;
export type MessageKey = keyof Messages;
/** Keys with `.one` / `.other` forms, named without the suffix (for tn()). */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];
/** A translation of an English catalog (or area): the same keys, any strings. */
export type Translation<T> = { readonly [K in keyof T]: string };
