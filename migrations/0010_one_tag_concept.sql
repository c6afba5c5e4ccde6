DROP INDEX `tags_workspace_name_unique`;--> statement-breakpoint
-- Data migration (hand-written): tag names become unique per workspace whatever
-- their letter case. Tags whose names differ only in case ("VIP", "vip") are merged
-- into the oldest one, whose id stays; conversations and contacts that carried a
-- merged tag carry the kept one. Contact tags and conversation tags already share
-- this table, so their ids do not change.
INSERT OR IGNORE INTO `conversation_tags` (`conversation_id`, `tag_id`, `workspace_id`, `bucket`, `pinned`, `last_activity_at`)
  SELECT ct.`conversation_id`,
         (SELECT k.`id` FROM `tags` k WHERE k.`workspace_id` = t.`workspace_id` AND lower(k.`name`) = lower(t.`name`) ORDER BY k.`created_at`, k.`id` LIMIT 1),
         ct.`workspace_id`, ct.`bucket`, ct.`pinned`, ct.`last_activity_at`
  FROM `conversation_tags` ct JOIN `tags` t ON t.`id` = ct.`tag_id`;--> statement-breakpoint
INSERT OR IGNORE INTO `contact_tags` (`contact_id`, `tag_id`)
  SELECT ct.`contact_id`,
         (SELECT k.`id` FROM `tags` k WHERE k.`workspace_id` = t.`workspace_id` AND lower(k.`name`) = lower(t.`name`) ORDER BY k.`created_at`, k.`id` LIMIT 1)
  FROM `contact_tags` ct JOIN `tags` t ON t.`id` = ct.`tag_id`;--> statement-breakpoint
DELETE FROM `conversation_tags` WHERE `tag_id` IN (
  SELECT t.`id` FROM `tags` t WHERE t.`id` != (SELECT k.`id` FROM `tags` k WHERE k.`workspace_id` = t.`workspace_id` AND lower(k.`name`) = lower(t.`name`) ORDER BY k.`created_at`, k.`id` LIMIT 1)
);--> statement-breakpoint
DELETE FROM `contact_tags` WHERE `tag_id` IN (
  SELECT t.`id` FROM `tags` t WHERE t.`id` != (SELECT k.`id` FROM `tags` k WHERE k.`workspace_id` = t.`workspace_id` AND lower(k.`name`) = lower(t.`name`) ORDER BY k.`created_at`, k.`id` LIMIT 1)
);--> statement-breakpoint
DELETE FROM `tags` WHERE `id` != (
  SELECT k.`id` FROM `tags` k WHERE k.`workspace_id` = `tags`.`workspace_id` AND lower(k.`name`) = lower(`tags`.`name`) ORDER BY k.`created_at`, k.`id` LIMIT 1
);--> statement-breakpoint
CREATE UNIQUE INDEX `tags_workspace_name_unique` ON `tags` (`workspace_id`,lower("name"));
