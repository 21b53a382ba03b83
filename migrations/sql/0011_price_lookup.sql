-- Distinct values of each attribute key among the products of one source
-- in one provider/service/region, written by pricing.Load with the source's
-- rows (and deleted with them). The lookup probes the GIN index with the
-- query's most selective attribute only (the key with the most distinct
-- values, summed over sources) and checks the others on the few rows found:
-- a GIN probe with common pairs such as tenancy=Shared reads their long
-- posting lists (docs/pricing-catalog.md). A heuristic: answers do not depend on it.
CREATE TABLE price_attribute_stats (
    source_id        integer NOT NULL REFERENCES price_sources (id) ON DELETE CASCADE,
    provider         text COLLATE "C" NOT NULL,
    service          text COLLATE "C" NOT NULL,
    region           text COLLATE "C" NOT NULL,
    key              text COLLATE "C" NOT NULL,
    distinct_values  integer NOT NULL,
    PRIMARY KEY (provider, service, region, key, source_id)
);

-- price_lookup answers a batch of price queries (pricing.PostgresCatalog):
-- the queries arrive as parallel arrays (element i of every array is query
-- i) and each gets its winning row by the rule of the pricing package:
-- latest effective date, then highest USD, then smallest SKU, source name
-- and unit, with the number of matching rows and whether the winning date's
-- prices disagree. Queries without a match return no row.
--
-- A function rather than a plain statement only for "SET jit = off": the
-- planner's cost for a large batch passes jit_above_cost, and compiling the
-- plan took longer (~0.7 s) than running it. The SET clause also keeps the
-- function from being inlined, so it is planned with the real arrays.
CREATE FUNCTION price_lookup(
    ords int[], providers text[], services text[], families text[], regions text[], attributes text[],
    purchase_options text[], units text[], tier_starts text[],
    term_lengths text[], term_purchase_options text[], term_offering_classes text[], product_keys text[])
RETURNS TABLE (ord int, usd_text text, unit text, sku text, effective_date date, source text, matches bigint, ambiguous boolean)
LANGUAGE sql STABLE PARALLEL SAFE
SET jit = off
AS $$
SELECT q.ord, m.usd::text, m.unit, m.sku, m.effective_date, m.source, m.matches, m.ambiguous
FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     AS q(ord, provider, service, family, region, attributes,
          purchase_option, unit, tier_start, term_length, term_purchase_option, term_offering_class, product_key)
CROSS JOIN LATERAL (
    -- The index probe: the most selective attribute of the query, else the
    -- whole query key (no attribute, or none known in this region).
    SELECT coalesce((
        SELECT jsonb_build_object(q.provider || chr(31) || q.service || chr(31) || q.region,
                                  jsonb_build_object('a', jsonb_build_object(e.key, e.value)))
        FROM jsonb_each_text(q.attributes::jsonb) e
        JOIN price_attribute_stats st
          ON st.provider = q.provider AND st.service = q.service AND st.region = q.region AND st.key = e.key
        GROUP BY e.key, e.value
        ORDER BY sum(st.distinct_values) DESC, e.key
        LIMIT 1), q.product_key::jsonb) AS key
) probe
CROSS JOIN LATERAL (
    SELECT pr.usd, pr.unit, p.sku, pr.effective_date, s.name AS source,
           count(*) OVER () AS matches,
           min(pr.usd) OVER (PARTITION BY pr.effective_date) <> pr.usd AS ambiguous
    FROM price_products p
    JOIN prices pr ON pr.source_id = p.source_id AND pr.product_no = p.product_no
    JOIN price_sources s ON s.id = p.source_id
    -- The indexed probe; the conditions below are the exact test (the key
    -- also joins texts with \x1f, which could in theory make two collide).
    WHERE price_product_key(p.provider, p.service, p.region, p.family, p.attributes) @> probe.key
      AND p.provider = q.provider
      AND p.service = q.service
      AND p.region = q.region
      AND (q.family = '' OR p.family = q.family)
      AND p.attributes @> q.attributes::jsonb
      AND pr.purchase_option = q.purchase_option
      AND pr.tier_start = q.tier_start::numeric
      AND (q.unit = '' OR pr.unit = q.unit)
      AND (q.term_length = '' OR pr.term_length = q.term_length)
      AND (q.term_purchase_option = '' OR pr.term_purchase_option = q.term_purchase_option)
      AND (q.term_offering_class = '' OR pr.term_offering_class = q.term_offering_class)
    ORDER BY pr.effective_date DESC, pr.usd DESC,
             p.sku COLLATE "C", s.name COLLATE "C", pr.unit COLLATE "C"
    LIMIT 1
) m
$$;
