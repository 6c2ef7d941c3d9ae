-- Substring search over users' names and emails. The FTS5 trigram tokenizer indexes every three-character
-- sequence, case-folded, so a search of three or more characters reads matching rowids from the index
-- instead of scanning the users table. The index is an external-content table over users (it stores no
-- copy of the text) and is keyed by users' implicit rowid, kept in step by the triggers below.
-- A later migration that recreates the users table drops these triggers and renumbers the rowids: it must
-- recreate the triggers and then run INSERT INTO users_fts(users_fts) VALUES ('rebuild').
CREATE VIRTUAL TABLE `users_fts` USING fts5(name, email, content='users', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `users_fts`(`users_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `users_fts_after_insert` AFTER INSERT ON `users`
BEGIN
  INSERT INTO `users_fts`(rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;
--> statement-breakpoint
CREATE TRIGGER `users_fts_after_delete` AFTER DELETE ON `users`
BEGIN
  INSERT INTO `users_fts`(`users_fts`, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
END;
--> statement-breakpoint
CREATE TRIGGER `users_fts_after_update` AFTER UPDATE OF name, email ON `users`
BEGIN
  INSERT INTO `users_fts`(`users_fts`, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
  INSERT INTO `users_fts`(rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;
