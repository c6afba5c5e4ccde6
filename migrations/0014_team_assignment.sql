PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_team_assignment_policies` (
	`team_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`mode` text DEFAULT 'manual' NOT NULL,
	`capacity` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_team_assignment_policies`("team_id", "workspace_id", "mode", "capacity", "updated_at") SELECT "team_id", "workspace_id", "mode", "capacity", "updated_at" FROM `team_assignment_policies`;--> statement-breakpoint
DROP TABLE `team_assignment_policies`;--> statement-breakpoint
ALTER TABLE `__new_team_assignment_policies` RENAME TO `team_assignment_policies`;--> statement-breakpoint
PRAGMA foreign_keys=ON;