// English, the reference catalog: every other language must translate every key.
import { auth } from "./auth";
import { common } from "./common";
import { setup } from "./setup";
import { inbox } from "./inbox";
import { composer } from "./composer";
import { settings } from "./settings";
import { settingsTags } from "./settings-tags";
import { settingsWebhooks } from "./settings-webhooks";
import { settingsApi } from "./settings-api";
import { settingsChannels } from "./settings-channels";
import { contacts } from "./contacts";
import { automation } from "./automation";
import { simulator } from "./simulator";
import { pwa } from "./pwa";

export const en = { ...common, ...auth, ...setup, ...inbox, ...composer, ...settings, ...settingsTags, ...settingsWebhooks, ...settingsApi, ...settingsChannels, ...contacts, ...automation, ...simulator, ...pwa } as const;
