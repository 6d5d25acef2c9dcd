-- The figures page breaks topics down by category and by source: with both in the tally index,
-- each breakdown is one index range like the count itself, instead of reading every topic row of
-- the period (50–120 ms each for a city on the generated province).
DROP INDEX topics_tally;
CREATE INDEX topics_tally ON topics(submitted_at, area_path, platform_type, platform_id, status,
    category_code, source);
