CREATE TABLE `auth_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_started_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `demo` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `demo` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `time_zone` text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `language` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `demo` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Databases seeded in demo mode before these flags existed: mark the demo rows so
-- they are refused whenever SIMULATOR is off.
UPDATE `users` SET `demo` = 1 WHERE `email` = 'admin@linedesk.test';--> statement-breakpoint
UPDATE `api_tokens` SET `demo` = 1 WHERE `name` = 'Demo API token';--> statement-breakpoint
UPDATE `workspaces` SET `demo` = 1 WHERE `name` = 'Demo workspace';
