export * from "./workspaces";
export * from "./channels";
export * from "./teams";
export * from "./contacts";
export * from "./conversations";
export * from "./automation";
export * from "./webhooks";
export * from "./push";
