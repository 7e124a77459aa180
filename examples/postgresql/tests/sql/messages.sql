-- Error messages repeat at most 200 bytes of a value the user wrote, cut at a
-- character boundary, so a message is always valid in the database encoding
-- (UTF8 here): a cut inside 'é' (2 bytes, U+00E9) would turn the error into
-- 22021 on its way to the client. Text refused by the parsers gets a detail
-- that shows the text form, not only the library's sentence.
CREATE FUNCTION error_of(statement text, OUT state text, OUT message text, OUT detail text)
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement;
  state := 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL;
END $$;

-- 199 'a' and one 'é' are 201 bytes: 200 would split the 'é', so 199 are shown.
SELECT state, octet_length(message) AS bytes,
       replace(message, repeat('a', 199), '<199 a>') AS message, detail
FROM error_of($$SELECT (repeat('a', 199) || 'é')::cxm_acc$$);
SELECT state, octet_length(message) AS bytes,
       replace(message, repeat('a', 199), '<199 a>') AS message, detail
FROM error_of($$SELECT cxm_acc_agg(1, repeat('a', 199) || 'é')$$);
-- 300 'é' (600 bytes) as a method and as a quantity: 100 of them (200 bytes).
SELECT state, octet_length(message) AS bytes,
       replace(message, repeat('é', 100), '<100 é>') AS message
FROM error_of($$SELECT cxm_interval('nps{9:1}', 'net', repeat('é', 300))$$);
SELECT state, octet_length(message) AS bytes,
       replace(message, repeat('é', 100), '<100 é>') AS message
FROM error_of($$SELECT cxm_interval('nps{9:1}', repeat('é', 300))$$);
-- Sent to the client as it is (a broken character there would be 22021).
SELECT cxm_interval('nps{9:1}', 'net', repeat('é', 300));
SELECT (repeat('a', 199) || 'é')::cxm_acc;

-- Long input: the message stays short and reports the input's byte count.
SELECT state, octet_length(message) < 400 AS bounded, substring(message from '\(\d+ bytes\)') AS tail
FROM error_of($$SELECT cxm_interval('nps{9:1}', 'net', repeat('x', 100000))$$);
SELECT state, octet_length(message) < 300 AS bounded, right(message, 17) AS tail
FROM error_of($$SELECT repeat('x', 1000000)::cxm_acc$$);
-- Exactly 200 bytes are shown whole, without a byte count.
SELECT state, replace(message, repeat('b', 200), '<200 b>') AS message
FROM error_of($$SELECT repeat('b', 200)::cxm_acc$$);

-- Details: text input and scale text speak of text.
SELECT * FROM error_of($$SELECT 'nps{11:1}'::cxm_acc$$);
SELECT * FROM error_of($$SELECT cxm_acc_agg(5, '1..5/4..5/3..4/share')$$);
-- Bytes get the library's sentence, which fits bytes and text alike.
SELECT * FROM error_of($$SELECT '\x00'::bytea::cxm_acc$$);

-- A count beyond bigint: the state holds it (up to 2^64 - 1), a bigint
-- cannot; the detail says that, not that a count would overflow.
SELECT * FROM error_of($$SELECT cxm_n('nps{9:9223372036854775808}')$$);
SELECT * FROM error_of($$SELECT * FROM cxm_counts('nps{0:1,9:18446744073709551614}')$$);

DROP FUNCTION error_of;
