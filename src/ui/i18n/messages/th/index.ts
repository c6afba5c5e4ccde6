// ไทย
import type { Messages, Translation } from "../types";
import { auth } from "./auth";
import { common } from "./common";
import { setup } from "./setup";

export const th: Translation<Messages> = { ...common, ...auth, ...setup };
