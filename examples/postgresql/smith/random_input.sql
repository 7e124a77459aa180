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

DO $$
DECLARE
  valid bytea[] := ARRAY(SELECT state::bytea FROM states WHERE state IS NOT NULL);
  b bytea; v cxm_acc; accepted integer := 0; refused integer := 0; pos integer;
BEGIN
  FOR i IN 1..100000 LOOP
    IF i % 4 = 0 THEN
      b := valid[1 + floor(random() * array_length(valid, 1))::int];
      pos := floor(random() * octet_length(b))::int;
      b := CASE i % 3 WHEN 0 THEN set_byte(b, pos, floor(random() * 256)::int)
                      WHEN 1 THEN substr(b, 1, pos)
                      ELSE b END;
    ELSE
      b := random_bytes(floor(random() * 64)::int);
    END IF;
    BEGIN
      v := b::cxm_acc;
      accepted := accepted + 1;
      IF v::bytea <> b THEN
        RAISE EXCEPTION 'accepted bytes % are not kept as they are', b;
      END IF;
    EXCEPTION WHEN invalid_text_representation THEN
      refused := refused + 1;
    END;
  END LOOP;
  RAISE NOTICE 'random bytes: % accepted (valid and exact), % refused with 22P02', accepted, refused;
END $$;

DO $$
DECLARE
  valid text[] := ARRAY(SELECT state::text FROM states WHERE state IS NOT NULL);
  t text; v cxm_acc; accepted integer := 0; refused integer := 0; pos integer;
BEGIN
  FOR i IN 1..100000 LOOP
    IF i % 4 = 0 THEN
      t := valid[1 + floor(random() * array_length(valid, 1))::int];
      pos := 1 + floor(random() * length(t))::int;
      t := CASE i % 3 WHEN 0 THEN overlay(t PLACING random_text(1) FROM pos FOR 1)
                      WHEN 1 THEN left(t, pos - 1) || random_text(1 + i % 3) || substr(t, pos)
                      ELSE t END;
    ELSE
      t := random_text(floor(random() * 24)::int);
    END IF;
    BEGIN
      v := t::cxm_acc;
      accepted := accepted + 1;
      IF (v::text)::cxm_acc <> v OR v::text::cxm_acc::text <> v::text THEN
        RAISE EXCEPTION 'accepted text % does not round-trip', t;
      END IF;
    EXCEPTION WHEN invalid_text_representation THEN
      refused := refused + 1;
    END;
  END LOOP;
  RAISE NOTICE 'random texts: % accepted (valid and exact), % refused with 22P02', accepted, refused;
END $$;

DO $$
DECLARE
  valid bytea[] := ARRAY(SELECT state::bytea FROM wstates WHERE state IS NOT NULL);
  b bytea; v cxm_wacc; accepted integer := 0; refused integer := 0; pos integer;
BEGIN
  FOR i IN 1..100000 LOOP
    IF i % 4 = 0 THEN
      b := valid[1 + floor(random() * array_length(valid, 1))::int];
      pos := floor(random() * octet_length(b))::int;
      b := CASE i % 3 WHEN 0 THEN set_byte(b, pos, floor(random() * 256)::int)
                      WHEN 1 THEN substr(b, 1, pos)
                      ELSE b END;
    ELSE
      b := random_bytes(floor(random() * 64)::int);
    END IF;
    BEGIN
      v := b::cxm_wacc;
      accepted := accepted + 1;
      IF v::bytea <> b THEN
        RAISE EXCEPTION 'accepted bytes % are not kept as they are', b;
      END IF;
    EXCEPTION WHEN invalid_text_representation THEN
      refused := refused + 1;
    END;
  END LOOP;
  RAISE NOTICE 'random weighted bytes: % accepted (valid and exact), % refused with 22P02', accepted, refused;
END $$;

DO $$
DECLARE
  valid text[] := ARRAY(SELECT state::text FROM wstates WHERE state IS NOT NULL);
  t text; v cxm_wacc; accepted integer := 0; refused integer := 0; pos integer;
BEGIN
  FOR i IN 1..100000 LOOP
    IF i % 4 = 0 THEN
      t := valid[1 + floor(random() * array_length(valid, 1))::int];
      pos := 1 + floor(random() * length(t))::int;
      t := CASE i % 3 WHEN 0 THEN overlay(t PLACING random_text(1) FROM pos FOR 1)
                      WHEN 1 THEN left(t, pos - 1) || random_text(1 + i % 3) || substr(t, pos)
                      ELSE t END;
    ELSE
      t := random_text(floor(random() * 24)::int);
    END IF;
    BEGIN
      v := t::cxm_wacc;
      accepted := accepted + 1;
      IF (v::text)::cxm_wacc <> v OR v::text::cxm_wacc::text <> v::text THEN
        RAISE EXCEPTION 'accepted text % does not round-trip', t;
      END IF;
    EXCEPTION WHEN invalid_text_representation THEN
      refused := refused + 1;
    END;
  END LOOP;
  RAISE NOTICE 'random weighted texts: % accepted (valid and exact), % refused with 22P02', accepted, refused;
END $$;
