-- A resident who proposes a topic has no account: like a registration, the topic gets a code
-- (same alphabet, 8 characters) that opens its own page with the status and the reply.
ALTER TABLE topics ADD COLUMN receipt_code TEXT CHECK (receipt_code IS NULL OR length(receipt_code) = 8);
CREATE UNIQUE INDEX topics_receipt_code ON topics(receipt_code) WHERE receipt_code IS NOT NULL;
CREATE INDEX topics_status ON topics(platform_id, status);
