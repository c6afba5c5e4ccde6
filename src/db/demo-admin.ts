// The demo workspace's admin login (SIMULATOR=on only). No imports: scripts/start.mjs
// reads this file too, so the printed login and the seeded one cannot drift apart.
export const DEMO_ADMIN = { email: "admin@linedesk.test", password: "linedesk-demo", name: "Aiko (admin)" } as const;
