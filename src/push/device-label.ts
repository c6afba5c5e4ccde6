// A human name for a subscribed device from its user agent ("Chrome" on
// "Android"), so people can tell their devices apart in Settings → Profile.
// Product names only: the view joins them in the reader's language.

const BROWSERS: Array<[RegExp, string]> = [
  [/EdgA?\//, "Edge"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/CriOS\/|Chrome\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];

const SYSTEMS: Array<[RegExp, string]> = [
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

/** `Browser/System`, e.g. "Chrome/Android"; "/" alone when nothing is recognised. */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? "";
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1] ?? "";
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? "";
  return `${browser}/${system}`;
}

/** The two parts of a stored label (empty when unknown). */
export function labelParts(label: string): { browser: string; system: string } {
  const [browser = "", system = ""] = label.split("/");
  return { browser, system };
}
