-- Every API instance keeps the sessions it validated in memory. Whatever changes what a
-- session shows (the session itself, its member, their unread notifications) announces the
-- member's id on this channel at commit, from any writer: the app, the CLI, or plain SQL.
CREATE FUNCTION "parvis_announce_session_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('parvis_session_users', to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) ->> TG_ARGV[0]);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "sessions_announce_user" AFTER UPDATE OR DELETE ON "sessions"
	FOR EACH ROW EXECUTE FUNCTION "parvis_announce_session_user"('user_id');
--> statement-breakpoint
CREATE TRIGGER "users_announce_user" AFTER UPDATE OR DELETE ON "users"
	FOR EACH ROW EXECUTE FUNCTION "parvis_announce_session_user"('id');
--> statement-breakpoint
CREATE TRIGGER "notifications_announce_user" AFTER INSERT OR UPDATE OR DELETE ON "notifications"
	FOR EACH ROW EXECUTE FUNCTION "parvis_announce_session_user"('user_id');
