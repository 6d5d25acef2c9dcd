-- A message's named values (title, time, place, code, reason) as JSON, beside its text: the
-- Chinese providers send only approved templates, filled with these values.
ALTER TABLE messages ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
