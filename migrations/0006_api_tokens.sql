ALTER TABLE `api_tokens` ADD `scope` text DEFAULT 'read_write' NOT NULL;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `prefix` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `revoked_by` text;--> statement-breakpoint
CREATE INDEX `api_tokens_workspace_idx` ON `api_tokens` (`workspace_id`,`created_at`,`id`);