// English, the reference catalog: every other language must translate every key.
import { auth } from "./auth";
import { common } from "./common";
import { setup } from "./setup";

export const en = { ...common, ...auth, ...setup } as const;
