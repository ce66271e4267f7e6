-- The partial indexes of 0003 serve every list (they only ever read live
-- verifications); the full ones they replaced cost every insert two more
-- index updates and were no longer read.
DROP INDEX verifications_ws_created;
DROP INDEX verifications_ws_flow_created;
