// Bahasa Indonesia
import type { Messages, Translation } from "../types";
import { auth } from "./auth";
import { common } from "./common";
import { setup } from "./setup";
import { inbox } from "./inbox";
import { composer } from "./composer";
import { settings } from "./settings";
import { contacts } from "./contacts";
import { automation } from "./automation";
import { automationMessages } from "./automation-messages";
import { automationKeywords } from "./automation-keywords";
import { simulator } from "./simulator";
import { pwa } from "./pwa";

export const id: Translation<Messages> = { ...common, ...auth, ...setup, ...inbox, ...composer, ...settings, ...contacts, ...automation, ...automationMessages, ...automationKeywords, ...simulator, ...pwa };
