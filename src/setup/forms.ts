// The /setup form: workspace, owner and the setup key, validated with zod.
import { z } from "zod";
import { isTimeZone, LANGUAGE_CODES } from "../lib/locales";

export const setupForm = z
  .object({
    _csrf: z.string().min(1).max(200),
    setupKey: z.string().min(1, "Enter the setup key (the SETUP_KEY secret)").max(500),
    workspaceName: z.string().trim().min(1, "Name your workspace, e.g. your company or brand").max(80, "Use at most 80 characters"),
    timeZone: z.string().refine(isTimeZone, "Choose a time zone from the list"),
    language: z.enum(LANGUAGE_CODES, { message: "Choose a language from the list" }),
    name: z.string().trim().min(1, "Enter your name").max(80, "Use at most 80 characters for your name"),
    email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254),
    password: z.string().max(200, "Use at most 200 characters for your password"),
    confirm: z.string().max(200),
  })
  .refine((d) => d.password === d.confirm, { message: "The two passwords don't match", path: ["confirm"] });

export type SetupForm = z.infer<typeof setupForm>;

/** What the person typed (never the key or passwords), to fill the form again after an error. */
export interface SetupValues {
  workspaceName?: string;
  timeZone?: string;
  language?: string;
  name?: string;
  email?: string;
}

export function typedValues(body: Record<string, unknown>): SetupValues {
  const text = (k: string) => (typeof body[k] === "string" ? String(body[k]).slice(0, 254) : undefined);
  return { workspaceName: text("workspaceName"), timeZone: text("timeZone"), language: text("language"), name: text("name"), email: text("email") };
}
