-- Short-query search (custom SQL: drizzle has no model for FTS5 virtual tables).
-- The trigram index (conversation_search) cannot match queries under three
-- characters, yet most Japanese and Chinese words have two (注文, 花子). This index
-- holds each search document's 2-character terms (src/lib/search-grams.ts): the
-- overlapping pairs of CJK, kana, Hangul and Thai text, the first two letters of other
-- words, and the pairs across a seam between both. It is contentless (stores no text)
-- and shares rowids with conversation_search, whose row holds the conversation and
-- workspace; contentless_delete lets a title document be replaced by rowid. Marks
-- (M*) are token characters so Thai vowel and tone marks stay inside their terms.
-- Existing documents are copied in by the search-backfill cron job.
CREATE VIRTUAL TABLE `conversation_search_short` USING fts5(
	`terms`,
	content = '',
	contentless_delete = 1,
	tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);
