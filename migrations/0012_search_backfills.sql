CREATE TABLE `search_backfills` (
	`name` text PRIMARY KEY NOT NULL,
	`done_through_rowid` integer DEFAULT 0 NOT NULL,
	`finished_at` integer,
	`updated_at` integer NOT NULL
);
