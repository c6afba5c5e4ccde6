// Every UI language's catalog, by language code (lib/locales.ts lists them).
import type { LanguageCode } from "../../lib/locales";
import { en } from "./messages/en";
import { id } from "./messages/id";
import { ja } from "./messages/ja";
import { th } from "./messages/th";
import { tr } from "./messages/tr";
import type { Messages, Translation } from "./messages/types";
import { zhCN } from "./messages/zh-CN";
import { zhTW } from "./messages/zh-TW";

export const CATALOGS: Record<LanguageCode, Translation<Messages>> = { en, ja, th, "zh-TW": zhTW, id, tr, "zh-CN": zhCN };
