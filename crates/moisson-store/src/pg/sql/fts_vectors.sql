-- The full-text vectors of a batch's records, in the order given: the texts of the
-- weights A (title), B (alternate titles and keywords), C (abstract) and D (the rest).
-- Run on a second connection while the writing one inserts the previous chunk, so the
-- costliest part of a write uses a second core; the vectors come back in binary form
-- and go to `insert_records.sql` / `update_records.sql` unchanged.
SELECT moisson_tsvector(u.a, u.b, u.c, u.d)
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u (a, b, c, d, n)
ORDER BY u.n
