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
import { simulator } from "./simulator";
import { simulatorConsole } from "./simulator-console";
import { pwa } from "./pwa";

export const id: Translation<Messages> = { ...common, ...auth, ...setup, ...inbox, ...composer, ...settings, ...contacts, ...automation, ...simulator, ...simulatorConsole, ...pwa };
