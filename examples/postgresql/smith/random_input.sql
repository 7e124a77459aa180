-- 10^5 random byte strings and 10^5 random texts cast to cxm_acc, and as many
-- to cxm_wacc (sqlsmith.sh):
-- each is refused with 22P02 or, when valid, accepted and exact (the bytes are
-- kept canonical, the text round-trips). Any other outcome stops the script.
-- A quarter of the inputs are mutations of valid ones, so that the decoder's
-- and parser's deeper paths are reached, and some are valid.
SELECT setseed(0.20261201);

CREATE FUNCTION random_bytes(n integer) RETURNS bytea LANGUAGE sql AS $$
  SELECT coalesce(decode(string_agg(lpad(to_hex(floor(random() * 256)::int), 2, '0'), ''), 'hex'), '')
  FROM generate_series(1, n)
$$;
CREATE FUNCTION random_text(n integer) RETURNS text LANGUAGE sql AS $$
  SELECT coalesce(string_agg(substr('nps{}[]:,0123456789-./csathrmeuwl', 1 + floor(random() * 33)::int, 1), ''), '')
  FROM generate_series(1, n)
$$;

-- Casts random_count random byte strings and as many random texts to the state
-- type of table `source`'s column state.
CREATE PROCEDURE cast_at_random(kind regtype, source regclass, random_count integer) LANGUAGE plpgsql AS $$
DECLARE
  valid_bytes bytea[];
  valid_texts text[];
  b bytea; t text; accepted integer := 0; refused integer := 0; pos integer; back bytea; round text;
BEGIN
  EXECUTE format('SELECT array_agg(state::bytea), array_agg(state::text) FROM %s WHERE state IS NOT NULL',
                 source) INTO valid_bytes, valid_texts;
  FOR i IN 1..random_count LOOP
    IF i % 4 = 0 THEN
      b := valid_bytes[1 + floor(random() * array_length(valid_bytes, 1))::int];
      pos := floor(random() * octet_length(b))::int;
      b := CASE i % 3 WHEN 0 THEN set_byte(b, pos, floor(random() * 256)::int)
                      WHEN 1 THEN substr(b, 1, pos)
                      ELSE b END;
    ELSE
      b := random_bytes(floor(random() * 64)::int);
    END IF;
    BEGIN
      EXECUTE format('SELECT $1::%s::bytea', kind) INTO back USING b;
      accepted := accepted + 1;
      IF back <> b THEN
        RAISE EXCEPTION 'accepted bytes % are not kept as they are', b;
      END IF;
    EXCEPTION WHEN invalid_text_representation THEN
      refused := refused + 1;
    END;
  END LOOP;
  RAISE NOTICE 'random bytes as %: % accepted (valid and exact), % refused with 22P02', kind,
    accepted, refused;
  accepted := 0;
  refused := 0;
  FOR i IN 1..random_count LOOP
    IF i % 4 = 0 THEN
      t := valid_texts[1 + floor(random() * array_length(valid_texts, 1))::int];
      pos := 1 + floor(random() * length(t))::int;
      t := CASE i % 3 WHEN 0 THEN overlay(t PLACING random_text(1) FROM pos FOR 1)
                      WHEN 1 THEN left(t, pos - 1) || random_text(1 + i % 3) || substr(t, pos)
                      ELSE t END;
    ELSE
      t := random_text(floor(random() * 24)::int);
    END IF;
    BEGIN
      EXECUTE format('SELECT $1::%s::text', kind) INTO round USING t;
      accepted := accepted + 1;
      EXECUTE format('SELECT $1::%1$s::text::%1$s::text', kind) INTO t USING round;
      IF t <> round THEN
        RAISE EXCEPTION 'accepted text % does not round-trip', round;
      END IF;
    EXCEPTION WHEN invalid_text_representation THEN
      refused := refused + 1;
    END;
  END LOOP;
  RAISE NOTICE 'random texts as %: % accepted (valid and exact), % refused with 22P02', kind,
    accepted, refused;
END $$;

CALL cast_at_random('cxm_acc', 'states', 100000);
CALL cast_at_random('cxm_wacc', 'wstates', 100000);
