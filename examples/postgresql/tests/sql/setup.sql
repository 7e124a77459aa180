-- The extension and the bundled sample data (examples/data/answers.csv, 7279
-- dated answers of three surveys in four channels over June to November 2026,
-- some ratings missing), shared by the files that follow.
CREATE EXTENSION cxmetrics;

-- `answered_at` is the CSV's date column as written: an RFC 3339 timestamp
-- with its own offset (2026-06-01T18:07:53+05:30).
CREATE TABLE answers (id serial PRIMARY KEY, metric text, rating integer, segment text,
                      answered_at text);
\copy answers (metric, rating, segment, answered_at) FROM '../data/answers.csv' WITH (FORMAT csv, HEADER)
SELECT metric, count(*) AS answers, count(rating) AS ratings FROM answers GROUP BY 1 ORDER BY 1;

-- The scale text of each survey, as the report spells them.
CREATE TABLE surveys (metric text PRIMARY KEY, scale text);
INSERT INTO surveys VALUES ('csat', 'csat5'), ('nps', 'nps'), ('ces', 'ces7');

-- The same answers as a helpdesk table with a team and a day, for the
-- README's recipes and the windows. An answer counts on the calendar date its
-- timestamp carries (as cxm-report counts it), so the day is the first ten
-- characters: a cast to timestamptz would move answers given late in the
-- evening far from UTC to the next or previous day.
CREATE TABLE responses AS
  SELECT id, segment AS team, metric, rating, left(answered_at, 10)::date AS answered_on
  FROM answers;
SELECT min(answered_on), max(answered_on), count(DISTINCT answered_on) AS days FROM responses;

-- SQLSTATE and message of a statement, or 'ok': errors as data, so a file
-- can show many of them and then show the server still answering.
CREATE FUNCTION sqlstate_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
