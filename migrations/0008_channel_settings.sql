ALTER TABLE `channels` ADD `bot_name` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `bot_picture_url` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `basic_id` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `premium_id` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `chat_mode` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `mark_as_read_mode` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `bot_info_checked_at` integer;--> statement-breakpoint
ALTER TABLE `channels` ADD `disabled_at` integer;--> statement-breakpoint
ALTER TABLE `channels` ADD `secret_changed_at` integer;--> statement-breakpoint
ALTER TABLE `channels` ADD `access_token_changed_at` integer;