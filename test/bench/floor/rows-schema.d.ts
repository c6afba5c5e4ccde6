// Types for rows-schema.js, which the floor Worker imports as plain JS.
export declare const ROWS_SCHEMA: string;
