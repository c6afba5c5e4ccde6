// 日本語
import type { Messages, Translation } from "../types";
import { auth } from "./auth";
import { common } from "./common";
import { setup } from "./setup";
import { inbox } from "./inbox";
import { composer } from "./composer";
import { composerQuota } from "./composer-quota";
import { composerThread } from "./composer-thread";
import { settings } from "./settings";
import { contacts } from "./contacts";
import { automation } from "./automation";
import { simulator } from "./simulator";
import { pwa } from "./pwa";

export const ja: Translation<Messages> = { ...common, ...auth, ...setup, ...inbox, ...composer, ...composerThread, ...composerQuota, ...settings, ...contacts, ...automation, ...simulator, ...pwa };
