CREATE TABLE `automation_queue` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`waiting_since` integer NOT NULL,
	`updates_sent` integer DEFAULT 0 NOT NULL,
	`last_position` integer,
	`last_wait_ms` integer,
	`last_sent_at` integer,
	`last_automation_at` integer
);
--> statement-breakpoint
CREATE INDEX `automation_queue_channel_idx` ON `automation_queue` (`channel_id`,`waiting_since`);--> statement-breakpoint
CREATE TABLE `automation_settings` (
	`channel_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`weekly_hours` text NOT NULL,
	`away_now` integer DEFAULT 0 NOT NULL,
	`away_now_since` integer,
	`away_enabled` integer DEFAULT 0 NOT NULL,
	`away_text` text DEFAULT '' NOT NULL,
	`quiet_minutes` integer DEFAULT 240 NOT NULL,
	`no_agent_enabled` integer DEFAULT 0 NOT NULL,
	`no_agent_text` text DEFAULT '' NOT NULL,
	`open_again_enabled` integer DEFAULT 0 NOT NULL,
	`open_again_text` text DEFAULT '' NOT NULL,
	`greeting_enabled` integer DEFAULT 0 NOT NULL,
	`greeting_text` text DEFAULT '' NOT NULL,
	`greeting_unblocked_text` text DEFAULT '' NOT NULL,
	`greeting_first_only` integer DEFAULT 0 NOT NULL,
	`queue_enabled` integer DEFAULT 0 NOT NULL,
	`queue_text` text DEFAULT '' NOT NULL,
	`queue_max_updates` integer DEFAULT 3 NOT NULL,
	`keyword_list_enabled` integer DEFAULT 0 NOT NULL,
	`keyword_list_command` text DEFAULT 'help' NOT NULL,
	`keyword_list_text` text DEFAULT '' NOT NULL,
	`auto_resolve_enabled` integer DEFAULT 0 NOT NULL,
	`auto_resolve_hours` integer DEFAULT 24 NOT NULL,
	`hours_state` text,
	`hours_state_since` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `holidays` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `holidays_channel_idx` ON `holidays` (`channel_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `keyword_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`name` text NOT NULL,
	`keywords` text NOT NULL,
	`match_mode` text NOT NULL,
	`priority` integer DEFAULT 10 NOT NULL,
	`active_window` text DEFAULT 'always' NOT NULL,
	`reply` text NOT NULL,
	`enabled` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `keyword_rules_channel_idx` ON `keyword_rules` (`channel_id`,`priority`,`created_at`);--> statement-breakpoint
CREATE TABLE `reporting_events` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`kind` text NOT NULL,
	`value_ms` integer,
	`detail` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reporting_events_channel_idx` ON `reporting_events` (`channel_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `reporting_events_workspace_idx` ON `reporting_events` (`workspace_id`,`kind`,`created_at`);