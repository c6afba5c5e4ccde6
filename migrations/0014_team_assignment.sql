CREATE TABLE `assignment_queue` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`team_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`waiting_since` integer NOT NULL,
	`excluded_user_id` text
);
--> statement-breakpoint
CREATE INDEX `assignment_queue_team_idx` ON `assignment_queue` (`workspace_id`,`team_id`,`waiting_since`);--> statement-breakpoint
CREATE TABLE `team_assignment_policies` (
	`team_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`mode` text DEFAULT 'manual' NOT NULL,
	`capacity` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
