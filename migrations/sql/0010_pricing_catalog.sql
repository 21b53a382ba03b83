-- Pricing catalog: where prices come from (price_sources), what is priced
-- (price_products) and the prices (prices). Every product and price belongs
-- to one source (source_id; a price also names its line in the source's
-- file); pricing.Load replaces all rows of a source in one transaction.
-- Text is collated "C" so ordering is byte order, as in the in-memory
-- catalog. Index choice: docs/pricing-catalog.md.
CREATE TABLE price_sources (
    id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text COLLATE "C" NOT NULL UNIQUE,
    origin          text NOT NULL,
    licence         text NOT NULL,
    price_date      date NOT NULL,
    row_count       integer NOT NULL CHECK (row_count >= 0),
    notes           text NOT NULL DEFAULT '',
    built_with      text NOT NULL DEFAULT '',
    -- SHA-256 of the sidecar and the data file: re-loading unchanged files is a no-op.
    content_sha256  text NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE price_products (
    source_id   integer NOT NULL REFERENCES price_sources (id) ON DELETE CASCADE,
    -- Ordinal of the product in its source's data file (first appearance).
    product_no  integer NOT NULL,
    provider    text COLLATE "C" NOT NULL,
    service     text COLLATE "C" NOT NULL,
    family      text COLLATE "C" NOT NULL,
    region      text COLLATE "C" NOT NULL,
    sku         text COLLATE "C" NOT NULL,
    attributes  jsonb NOT NULL,
    PRIMARY KEY (source_id, product_no)
);

CREATE TABLE prices (
    source_id             integer NOT NULL,
    product_no            integer NOT NULL,
    -- Line of the row in its source's data file (the header is line 1).
    line                  integer NOT NULL,
    purchase_option       text COLLATE "C" NOT NULL,
    unit                  text COLLATE "C" NOT NULL,
    usd                   numeric NOT NULL CHECK (usd >= 0),
    tier_start            numeric NOT NULL CHECK (tier_start >= 0),
    tier_end              numeric CHECK (tier_end > tier_start),
    term_length           text COLLATE "C" NOT NULL,
    term_purchase_option  text COLLATE "C" NOT NULL,
    term_offering_class   text COLLATE "C" NOT NULL,
    effective_date        date NOT NULL,
    description           text NOT NULL,
    PRIMARY KEY (source_id, product_no, line)
    -- No foreign key to price_products: its per-row check halved load
    -- throughput (docs/pricing-catalog.md). pricing.Load is the only writer
    -- and writes, or deletes, a source's products and prices in one transaction.
);

-- The lookup key of a product: {"<provider>\x1f<service>\x1f<region>":
-- {"*": "", "f": family, "a": attributes}}. A query asks for containment
-- (@>) of the same shape, so one GIN index answers provider, service,
-- region, family and attributes at once; nesting under the region makes
-- every indexed (path, value) pair region-scoped, so a common pair such as
-- tenancy=Shared has a short posting list. Built from immutable functions
-- only, so it can be indexed. Figures: docs/pricing-catalog.md.
CREATE FUNCTION price_product_key(provider text, service text, region text, family text, attributes jsonb)
RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN jsonb_set(
    jsonb_object(ARRAY[provider || chr(31) || service || chr(31) || region, '']),
    ARRAY[provider || chr(31) || service || chr(31) || region],
    jsonb_set(jsonb_object(ARRAY['*', '', 'f', family]), '{a}', attributes));

CREATE INDEX price_products_key_idx ON price_products
    USING gin (price_product_key(provider, service, region, family, attributes) jsonb_path_ops);
