CREATE TABLE `report_csat` (
	`workspace_id` text NOT NULL,
	`grain` text NOT NULL,
	`bucket` integer NOT NULL,
	`tag_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`team_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`score_1` integer DEFAULT 0 NOT NULL,
	`score_2` integer DEFAULT 0 NOT NULL,
	`score_3` integer DEFAULT 0 NOT NULL,
	`score_4` integer DEFAULT 0 NOT NULL,
	`score_5` integer DEFAULT 0 NOT NULL,
	`commented` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `grain`, `tag_id`, `channel_id`, `team_id`, `agent_id`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `report_sla` (
	`workspace_id` text NOT NULL,
	`grain` text NOT NULL,
	`bucket` integer NOT NULL,
	`tag_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`team_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`first_met` integer DEFAULT 0 NOT NULL,
	`first_breached` integer DEFAULT 0 NOT NULL,
	`next_met` integer DEFAULT 0 NOT NULL,
	`next_breached` integer DEFAULT 0 NOT NULL,
	`resolution_met` integer DEFAULT 0 NOT NULL,
	`resolution_breached` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `grain`, `tag_id`, `channel_id`, `team_id`, `agent_id`, `bucket`)
);
