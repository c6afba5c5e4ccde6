export * from "./workspaces";
export * from "./channels";
export * from "./conversations";
