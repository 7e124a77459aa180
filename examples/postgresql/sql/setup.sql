-- The extension and the bundled sample data (examples/data/answers.csv, 3646
-- answers of three surveys in four channels, some ratings missing), shared by
-- the files that follow.
CREATE EXTENSION cxmetrics;

CREATE TABLE answers (id serial PRIMARY KEY, metric text, rating integer, segment text);
\copy answers (metric, rating, segment) FROM '../data/answers.csv' WITH (FORMAT csv, HEADER)
SELECT metric, count(*) AS answers, count(rating) AS ratings FROM answers GROUP BY 1 ORDER BY 1;

-- The scale text of each survey, as the report spells them.
CREATE TABLE surveys (metric text PRIMARY KEY, scale text);
INSERT INTO surveys VALUES ('csat', 'csat5'), ('nps', 'nps'), ('ces', 'ces7');

-- The same answers as a helpdesk table with a team and a day, for the
-- README's recipes and the windows: answers spread over 120 days of 2026.
CREATE TABLE responses AS
  SELECT id, segment AS team, metric, rating,
         date '2026-01-01' + (id * 37) % 120 AS answered_on
  FROM answers;

-- SQLSTATE and message of a statement, or 'ok': errors as data, so a file
-- can show many of them and then show the server still answering.
CREATE FUNCTION sqlstate_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
