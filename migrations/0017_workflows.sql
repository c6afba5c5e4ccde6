CREATE TABLE `workflow_run_log` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`workflow_id` text NOT NULL,
	`at` integer NOT NULL,
	`step_id` text,
	`kind` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `workflow_run_log_run_idx` ON `workflow_run_log` (`run_id`,`at`,`id`);--> statement-breakpoint
CREATE TABLE `workflow_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`workflow_id` text NOT NULL,
	`version_id` text NOT NULL,
	`version` integer NOT NULL,
	`conversation_id` text NOT NULL,
	`status` text NOT NULL,
	`step_id` text,
	`started_by` text NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `workflow_runs_workflow_idx` ON `workflow_runs` (`workflow_id`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `workflow_runs_conversation_idx` ON `workflow_runs` (`conversation_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `workflow_secrets` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`value_enc` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflow_secrets_name_unique` ON `workflow_secrets` (`workspace_id`,`name`);--> statement-breakpoint
CREATE TABLE `workflow_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`workflow_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`published_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workflow_id`) REFERENCES `workflows`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflow_versions_unique` ON `workflow_versions` (`workflow_id`,`version`);--> statement-breakpoint
CREATE TABLE `workflows` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`draft` text NOT NULL,
	`published_version_id` text,
	`published_trigger` text,
	`latest_version` integer DEFAULT 0 NOT NULL,
	`draft_changed` integer DEFAULT 1 NOT NULL,
	`last_run_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workflows_workspace_idx` ON `workflows` (`workspace_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `workflows_trigger_idx` ON `workflows` (`workspace_id`,`published_trigger`);