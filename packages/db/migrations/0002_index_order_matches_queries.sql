DROP INDEX "notifications_user_idx";--> statement-breakpoint
DROP INDEX "posts_author_idx";--> statement-breakpoint
DROP INDEX "topics_latest_idx";--> statement-breakpoint
DROP INDEX "topics_category_latest_idx";--> statement-breakpoint
DROP INDEX "topics_top_idx";--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "posts_author_idx" ON "posts" USING btree ("author_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "topics_latest_idx" ON "topics" USING btree ("last_posted_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "topics"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "topics_category_latest_idx" ON "topics" USING btree ("category_id","last_posted_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "topics"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "topics_top_idx" ON "topics" USING btree ("like_count" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "topics"."deleted_at" is null;