-- Every change of a release plan (started, promoted, aborted) is announced on the
-- tango_registry channel, as activations are, so that serving instances follow it at once
-- instead of at their next poll. The payload is 'release:' and the cascade's name.

CREATE FUNCTION tango_notify_release() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tango_registry', 'release:' || NEW.cascade_name);
    RETURN NEW;
END
$$;

CREATE TRIGGER release_plans_notify AFTER INSERT OR UPDATE ON release_plans
    FOR EACH ROW EXECUTE FUNCTION tango_notify_release();
