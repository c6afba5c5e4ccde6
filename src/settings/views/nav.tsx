// The settings sections shown in the left nav, in order. Add a section by
// appending an entry here (and mounting its routes under /settings in routes.tsx).
import type { FC } from "hono/jsx";
import type { Role } from "../forms";
import { contactFieldsNavEntry } from "../../contacts/nav";
import { automationNavEntries } from "../../automation/nav";
import { type IconProps, IconKey, IconReply, IconUser, IconUsers } from "./icons";
import { webhooksNavEntry } from "../../outbound-webhooks/nav";
import { IconChannel } from "./channel-icons";
import { profileNavEntry } from "../profile-nav";

/** A list icon for sections without their own. */
const IconList: FC<IconProps> = (p) => IconReply(p);

export interface SettingsNavItem {
  href: string;
  label: string;
  icon: FC<IconProps>;
  /** Hidden from people below this role; everyone sees the item when absent. */
  minRole?: Role;
}

export const SETTINGS_NAV: SettingsNavItem[] = [
  profileNavEntry,
  { href: "/settings/team", label: "Team", icon: IconUser },
  { href: "/settings/teams", label: "Teams", icon: IconUsers },
  { href: "/settings/canned-replies", label: "Canned replies", icon: IconReply },
  { href: "/settings/channels", label: "Channels", icon: IconChannel, minRole: "admin" },
  { ...contactFieldsNavEntry, icon: IconList, minRole: "admin" },
  ...automationNavEntries,
  { href: "/settings/api", label: "API", icon: IconKey, minRole: "admin" },
  webhooksNavEntry,
];
