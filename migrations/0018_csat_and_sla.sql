CREATE TABLE `csat_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`contact_id` text,
	`agent_id` text,
	`team_id` text,
	`trigger` text NOT NULL,
	`language` text NOT NULL,
	`sent_via` text,
	`status` text NOT NULL,
	`score` integer,
	`comment` text,
	`sent_at` integer NOT NULL,
	`rated_at` integer,
	`comment_until` integer,
	`commented_at` integer,
	`sheet_appended_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `csat_responses_workspace_rated_idx` ON `csat_responses` (`workspace_id`,`rated_at`,`id`);--> statement-breakpoint
CREATE INDEX `csat_responses_contact_idx` ON `csat_responses` (`contact_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `csat_responses_conversation_idx` ON `csat_responses` (`conversation_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `csat_settings` (
	`channel_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`on_resolve` integer DEFAULT 0 NOT NULL,
	`only_if_agent_answered` integer DEFAULT 1 NOT NULL,
	`min_days_between` integer DEFAULT 7 NOT NULL,
	`texts` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `csat_sheets` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`client_email` text NOT NULL,
	`private_key_enc` text NOT NULL,
	`spreadsheet_id` text NOT NULL,
	`sheet_name` text NOT NULL,
	`last_appended_at` integer,
	`last_error` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sla_events` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`policy_id` text NOT NULL,
	`kind` text NOT NULL,
	`outcome` text NOT NULL,
	`assignee_id` text,
	`team_id` text,
	`started_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sla_events_workspace_at_idx` ON `sla_events` (`workspace_id`,`at`);--> statement-breakpoint
CREATE INDEX `sla_events_conversation_idx` ON `sla_events` (`conversation_id`,`at`);--> statement-breakpoint
CREATE TABLE `sla_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`channel_id` text,
	`team_id` text,
	`min_priority` integer,
	`tag_id` text,
	`first_response_minutes` integer,
	`next_response_minutes` integer,
	`resolution_minutes` integer,
	`business_hours` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sla_policies_workspace_idx` ON `sla_policies` (`workspace_id`,`position`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `sla_due_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `sla_breached_at` integer;--> statement-breakpoint
CREATE INDEX `conversations_sla_due_idx` ON `conversations` (`workspace_id`,`bucket`,`sla_due_at`,`id`);