CREATE TABLE `account_link_nonces` (
	`nonce` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`identity_id` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_link_nonces_ws_idx` ON `account_link_nonces` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `contact_merge_dismissals` (
	`workspace_id` text NOT NULL,
	`contact_a` text NOT NULL,
	`contact_b` text NOT NULL,
	`dismissed_by` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`contact_a`, `contact_b`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_a`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_b`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_merge_dismissals_ws_idx` ON `contact_merge_dismissals` (`workspace_id`);--> statement-breakpoint
ALTER TABLE `workspaces` ADD `account_link_url` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `account_link_url` text;--> statement-breakpoint
ALTER TABLE `contact_identities` ADD `verified_customer_id` text;--> statement-breakpoint
ALTER TABLE `contact_identities` ADD `verified_at` integer;--> statement-breakpoint
ALTER TABLE `contact_identities` ADD `membership_id` integer;--> statement-breakpoint
ALTER TABLE `contact_identities` ADD `membership_title` text;--> statement-breakpoint
ALTER TABLE `contact_identities` ADD `membership_status` text;--> statement-breakpoint
ALTER TABLE `contact_identities` ADD `membership_updated_at` integer;--> statement-breakpoint
CREATE INDEX `contact_identities_verified_idx` ON `contact_identities` (`verified_customer_id`);--> statement-breakpoint
ALTER TABLE `contacts` ADD `merged_into_id` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `merged_at` integer;--> statement-breakpoint
ALTER TABLE `contacts` ADD `search_text` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `contacts_directory_idx` ON `contacts` (`workspace_id`,`merged_into_id`,`id`);--> statement-breakpoint
-- Custom SQL (drizzle has no model for triggers).
-- A merged contact stays as a forwarding address (merged_into_id always names a
-- live contact: a later merge re-points older ones). A conversation index write
-- that still names the merged contact — a ConversationDO that filed a message
-- while the merge ran, before it heard of it — lands on the survivor instead.
CREATE TRIGGER `conversations_contact_follows_merge_ins` AFTER INSERT ON `conversations`
WHEN NEW.`contact_id` IS NOT NULL AND EXISTS (SELECT 1 FROM `contacts` WHERE `id` = NEW.`contact_id` AND `merged_into_id` IS NOT NULL)
BEGIN
	UPDATE `conversations` SET `contact_id` = (SELECT `merged_into_id` FROM `contacts` WHERE `id` = NEW.`contact_id`) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `conversations_contact_follows_merge_upd` AFTER UPDATE OF `contact_id` ON `conversations`
WHEN NEW.`contact_id` IS NOT NULL AND EXISTS (SELECT 1 FROM `contacts` WHERE `id` = NEW.`contact_id` AND `merged_into_id` IS NOT NULL)
BEGIN
	UPDATE `conversations` SET `contact_id` = (SELECT `merged_into_id` FROM `contacts` WHERE `id` = NEW.`contact_id`) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
-- Directory search text: the name and every custom field value, lower-cased (SQLite's
-- lower() folds ASCII only; queries go through the same lower()). Kept here so every
-- writer (the conversation index, the panel, the API, imports) keeps it right.
CREATE TRIGGER `contacts_search_ins` AFTER INSERT ON `contacts`
BEGIN
	UPDATE `contacts` SET `search_text` = lower(coalesce(NEW.`display_name`, '') || char(10) || coalesce((SELECT group_concat(`value`, char(10)) FROM `contact_field_values` WHERE `contact_id` = NEW.`id`), '')) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `contacts_search_name` AFTER UPDATE OF `display_name` ON `contacts`
BEGIN
	UPDATE `contacts` SET `search_text` = lower(coalesce(NEW.`display_name`, '') || char(10) || coalesce((SELECT group_concat(`value`, char(10)) FROM `contact_field_values` WHERE `contact_id` = NEW.`id`), '')) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `contact_field_values_search_ins` AFTER INSERT ON `contact_field_values`
BEGIN
	UPDATE `contacts` SET `search_text` = lower(coalesce(`display_name`, '') || char(10) || coalesce((SELECT group_concat(`value`, char(10)) FROM `contact_field_values` WHERE `contact_id` = NEW.`contact_id`), '')) WHERE `id` = NEW.`contact_id`;
END;--> statement-breakpoint
CREATE TRIGGER `contact_field_values_search_upd` AFTER UPDATE ON `contact_field_values`
BEGIN
	UPDATE `contacts` SET `search_text` = lower(coalesce(`display_name`, '') || char(10) || coalesce((SELECT group_concat(`value`, char(10)) FROM `contact_field_values` WHERE `contact_id` = NEW.`contact_id`), '')) WHERE `id` = NEW.`contact_id`;
END;--> statement-breakpoint
CREATE TRIGGER `contact_field_values_search_del` AFTER DELETE ON `contact_field_values`
BEGIN
	UPDATE `contacts` SET `search_text` = lower(coalesce(`display_name`, '') || char(10) || coalesce((SELECT group_concat(`value`, char(10)) FROM `contact_field_values` WHERE `contact_id` = OLD.`contact_id`), '')) WHERE `id` = OLD.`contact_id`;
END;--> statement-breakpoint
UPDATE `contacts` SET `search_text` = lower(coalesce(`display_name`, '') || char(10) || coalesce((SELECT group_concat(`value`, char(10)) FROM `contact_field_values` v WHERE v.`contact_id` = `contacts`.`id`), ''));
