// 繁體中文（台灣）
import type { Messages, Translation } from "../types";
import { auth } from "./auth";
import { common } from "./common";
import { setup } from "./setup";

export const zhTW: Translation<Messages> = { ...common, ...auth, ...setup };
