-- Full-text search over contact names and message text for the inbox search box.
-- The trigram tokenizer matches substrings, which is what Japanese, Thai and
-- Chinese need (no spaces between words). One row per message and one per
-- conversation title; rowid-less lookups go through conversation_id.
CREATE VIRTUAL TABLE `conversation_search` USING fts5(
	`conversation_id` UNINDEXED,
	`workspace_id` UNINDEXED,
	`doc_id` UNINDEXED,
	`content`,
	tokenize = 'trigram'
);
