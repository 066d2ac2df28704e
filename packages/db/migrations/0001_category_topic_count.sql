ALTER TABLE "categories" ADD COLUMN "topic_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "categories" c SET "topic_count" = (SELECT count(*) FROM "topics" t WHERE t."category_id" = c."id" AND t."deleted_at" IS NULL);
