CREATE TABLE `report_backfills` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`phase` text NOT NULL,
	`cursor` text DEFAULT '' NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`cutoff_at` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_backlog` (
	`workspace_id` text NOT NULL,
	`grain` text NOT NULL,
	`bucket` integer NOT NULL,
	`tag_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`team_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`open` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `grain`, `tag_id`, `channel_id`, `team_id`, `agent_id`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `report_contacts` (
	`workspace_id` text NOT NULL,
	`grain` text NOT NULL,
	`bucket` integer NOT NULL,
	`channel_id` text NOT NULL,
	`language` text NOT NULL,
	`new_friends` integer DEFAULT 0 NOT NULL,
	`unblocks` integer DEFAULT 0 NOT NULL,
	`blocks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `grain`, `channel_id`, `language`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `report_conversation_clocks` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`awaiting_since` integer,
	`awaiting_first` integer DEFAULT 1 NOT NULL,
	`opened_at` integer,
	`opened_counted` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_conversations` (
	`workspace_id` text NOT NULL,
	`grain` text NOT NULL,
	`bucket` integer NOT NULL,
	`tag_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`team_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`opened` integer DEFAULT 0 NOT NULL,
	`reopened` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	`assigned` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `grain`, `tag_id`, `channel_id`, `team_id`, `agent_id`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `report_durations` (
	`workspace_id` text NOT NULL,
	`grain` text NOT NULL,
	`bucket` integer NOT NULL,
	`tag_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`team_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`metric` text NOT NULL,
	`business_hours` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`sum_ms` integer DEFAULT 0 NOT NULL,
	`b0` integer DEFAULT 0 NOT NULL,
	`b1` integer DEFAULT 0 NOT NULL,
	`b2` integer DEFAULT 0 NOT NULL,
	`b3` integer DEFAULT 0 NOT NULL,
	`b4` integer DEFAULT 0 NOT NULL,
	`b5` integer DEFAULT 0 NOT NULL,
	`b6` integer DEFAULT 0 NOT NULL,
	`b7` integer DEFAULT 0 NOT NULL,
	`b8` integer DEFAULT 0 NOT NULL,
	`b9` integer DEFAULT 0 NOT NULL,
	`b10` integer DEFAULT 0 NOT NULL,
	`b11` integer DEFAULT 0 NOT NULL,
	`b12` integer DEFAULT 0 NOT NULL,
	`b13` integer DEFAULT 0 NOT NULL,
	`b14` integer DEFAULT 0 NOT NULL,
	`b15` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `grain`, `tag_id`, `channel_id`, `team_id`, `agent_id`, `metric`, `business_hours`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `report_events_seen` (
	`event_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_events_seen_at_idx` ON `report_events_seen` (`at`);--> statement-breakpoint
CREATE TABLE `report_messages` (
	`workspace_id` text NOT NULL,
	`grain` text NOT NULL,
	`bucket` integer NOT NULL,
	`tag_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`team_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`inbound` integer DEFAULT 0 NOT NULL,
	`outbound_agent` integer DEFAULT 0 NOT NULL,
	`outbound_automation` integer DEFAULT 0 NOT NULL,
	`outbound_api` integer DEFAULT 0 NOT NULL,
	`via_reply` integer DEFAULT 0 NOT NULL,
	`via_push` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `grain`, `tag_id`, `channel_id`, `team_id`, `agent_id`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `report_workspaces` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`live_since` integer NOT NULL
);
