CREATE TABLE "faq_article_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" integer NOT NULL,
	"revision" integer NOT NULL,
	"slug" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"locale" text NOT NULL,
	"category_id" integer,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text NOT NULL,
	"editor_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_articles" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"answer_html" text NOT NULL,
	"locale" text NOT NULL,
	"category_id" integer,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"external_id" text,
	"source_topic_id" integer,
	"source_post_id" integer,
	"author_id" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "faq_content_gaps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"query" text NOT NULL,
	"normalized" text NOT NULL,
	"locale" text NOT NULL,
	"session_id" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_deflection_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer,
	"locale" text NOT NULL,
	"shown_count" integer DEFAULT 0 NOT NULL,
	"shown_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"opened_count" integer DEFAULT 0 NOT NULL,
	"opened_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcome" text,
	"posted_topic_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "faq_votes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" integer NOT NULL,
	"voter" text NOT NULL,
	"user_id" integer,
	"helpful" boolean NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "faq_article_revisions" ADD CONSTRAINT "faq_article_revisions_article_id_faq_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."faq_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_article_revisions" ADD CONSTRAINT "faq_article_revisions_editor_id_users_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_articles" ADD CONSTRAINT "faq_articles_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_articles" ADD CONSTRAINT "faq_articles_source_topic_id_topics_id_fk" FOREIGN KEY ("source_topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_articles" ADD CONSTRAINT "faq_articles_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_deflection_sessions" ADD CONSTRAINT "faq_deflection_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_votes" ADD CONSTRAINT "faq_votes_article_id_faq_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."faq_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_votes" ADD CONSTRAINT "faq_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "faq_article_revisions_article_rev_idx" ON "faq_article_revisions" USING btree ("article_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "faq_articles_slug_idx" ON "faq_articles" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "faq_articles_external_id_idx" ON "faq_articles" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "faq_articles_list_idx" ON "faq_articles" USING btree ("status","locale","category_id");--> statement-breakpoint
CREATE INDEX "faq_articles_source_topic_idx" ON "faq_articles" USING btree ("source_topic_id");--> statement-breakpoint
CREATE INDEX "faq_content_gaps_created_idx" ON "faq_content_gaps" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "faq_content_gaps_session_idx" ON "faq_content_gaps" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "faq_deflection_sessions_created_idx" ON "faq_deflection_sessions" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "faq_votes_article_voter_idx" ON "faq_votes" USING btree ("article_id","voter");--> statement-breakpoint
CREATE INDEX "faq_votes_article_updated_idx" ON "faq_votes" USING btree ("article_id","updated_at");