// The service worker's app shell (public/sw.js SHELL) holds every stylesheet and
// script the page layout loads: a page open when the network drops keeps working
// from the cache (network first, cached copy offline). A script added to the layout
// but not to the shell would be missing offline.
import { describe, expect, it } from "vitest";

declare global {
  interface ImportMeta {
    glob<T>(pattern: string | string[], options: { query: "?raw"; import: "default"; eager: true }): Record<string, T>;
  }
}

const files = import.meta.glob<string>(["../../public/sw.js", "../../src/ui/layout.tsx"], { query: "?raw", import: "default", eager: true });
const sw = files["../../public/sw.js"] ?? "";
const layout = files["../../src/ui/layout.tsx"] ?? "";

describe("service worker app shell", () => {
  it("caches every stylesheet and script of the page layout, and the offline page's own", () => {
    const shellList = /const SHELL = \[([\s\S]*?)\];/.exec(sw)?.[1] ?? "";
    const shell = new Set([...shellList.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
    const loaded = [...layout.matchAll(/(?:href|src)="(\/[\w/.-]+\.(?:css|js))"/g)].map((m) => m[1]);
    expect(loaded.length).toBeGreaterThan(10);
    expect(loaded.filter((path) => !shell.has(path))).toEqual([]);
    for (const path of ["/offline.js", "/pwa.css", "/manifest.webmanifest"]) expect(shell.has(path)).toBe(true);
  });
});
