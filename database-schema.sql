-- =====================================================================================
-- Answerbase demo customer database: "Brightside Goods", a small online shop with stores.
--
-- This is the kind of database an organization connects to Answerbase. The support agent
-- answers end customers from it, e.g. "where is my order #1001?", "is SKU-789 in stock?",
-- "when is my next appointment?". Sample data is fixed (no now(), no random()) and set in
-- November/December 2026, so every run produces exactly the same rows.
--
-- Deliberate catalog quirks, so schema discovery gets exercised:
--   * two schemas: public (shop) and support (tickets, with FKs back into public)
--   * public.order_items has a composite primary key (order_id, line_no)
--   * public.inventory_events has no primary key at all (append-only log)
--   * public."StoreLocations" is a mixed-case quoted table with columns "storeName",
--     "Region Name" (contains a space), "openingHours" and "isFlagship"
--   * support.tickets.id is bigint GENERATED ALWAYS AS IDENTITY
--   * support.ticket_priority is an enum type, public.order_summaries is a view
--   * types: bigint, integer, smallint, numeric, char, text, text[], jsonb, uuid, bytea,
--     boolean, date, timestamptz, interval, enum, unicode text and emoji
--
-- Idempotent: it drops and recreates its own objects inside one transaction, so running it
-- twice leaves the same state. It is plain SQL statements separated by semicolons (no psql
-- meta-commands, no COPY, no extensions, no dollar quoting) because runners also execute it
-- statement by statement. Keep semicolons out of comments and string literals for that reason.
-- It runs on PostgreSQL 15+ and on PGlite.
-- =====================================================================================

BEGIN;

-- Hides the "does not exist, skipping" notices of the first run. LOCAL ends with the transaction.
SET LOCAL client_min_messages = warning;

CREATE SCHEMA IF NOT EXISTS support;
COMMENT ON SCHEMA support IS 'Customer support: tickets and the messages exchanged on them.';

-- Reverse dependency order. CASCADE also removes anything built on top of these tables.
DROP VIEW IF EXISTS public.order_summaries;
DROP TABLE IF EXISTS support.ticket_messages CASCADE;
DROP TABLE IF EXISTS support.tickets CASCADE;
DROP TABLE IF EXISTS public.appointments CASCADE;
DROP TABLE IF EXISTS public.inventory_events CASCADE;
DROP TABLE IF EXISTS public.order_items CASCADE;
DROP TABLE IF EXISTS public.orders CASCADE;
DROP TABLE IF EXISTS public.products CASCADE;
DROP TABLE IF EXISTS public.product_categories CASCADE;
DROP TABLE IF EXISTS public."StoreLocations" CASCADE;
DROP TABLE IF EXISTS public.customers CASCADE;
DROP TYPE IF EXISTS support.ticket_priority;

-- -------------------------------------------------------------------------------------
-- customers
-- -------------------------------------------------------------------------------------
CREATE TABLE public.customers (
    id              bigint PRIMARY KEY,
    public_id       uuid NOT NULL UNIQUE,
    email           text NOT NULL UNIQUE,
    full_name       text NOT NULL,
    phone           text,
    preferred_locale text NOT NULL DEFAULT 'en-US',
    is_vip          boolean NOT NULL DEFAULT false,
    loyalty_points  integer NOT NULL DEFAULT 0,
    tags            text[] NOT NULL DEFAULT '{}',
    address         jsonb,
    birth_date      date,
    created_at      timestamptz NOT NULL
);
COMMENT ON TABLE public.customers IS 'End customers of the shop. email is the login and the usual way to identify a customer.';
-- How Answerbase matches a verified contact to their rows (lower(btrim(email)) = the signed e-mail):
-- without this index every customer-scoped lookup scans the customers table.
CREATE INDEX customers_email_lookup_idx ON public.customers (lower(btrim(email)));
COMMENT ON COLUMN public.customers.public_id IS 'Customer id shown in emails and the account page (safe to share with the customer).';
COMMENT ON COLUMN public.customers.loyalty_points IS 'Brightside Rewards balance. 100 points = 1 USD off.';

INSERT INTO public.customers (id, public_id, email, full_name, phone, preferred_locale, is_vip, loyalty_points, tags, address, birth_date, created_at) VALUES
(1, '0b7d4c1e-2f3a-4e5b-8c6d-000000000001', 'alice@example.com', 'Alice Johnson', '+1 206 555 0101', 'en-US', true, 1240, '{vip,newsletter}',
    '{"line1": "1200 Pine St Apt 4B", "city": "Seattle", "region": "WA", "postalCode": "98101", "country": "US"}', '1988-04-12', '2025-02-14 18:22:05+00'),
(2, '0b7d4c1e-2f3a-4e5b-8c6d-000000000002', 'bob@example.com', 'Bob Smith', '+1 512 555 0147', 'en-US', false, 310, '{newsletter}',
    '{"line1": "88 Congress Ave", "city": "Austin", "region": "TX", "postalCode": "78701", "country": "US"}', '1979-11-30', '2025-06-03 09:10:44+00'),
(3, '0b7d4c1e-2f3a-4e5b-8c6d-000000000003', 'zoe@example.com', 'Zoë Müller', '+49 30 5550 1234', 'de-DE', false, 85, '{}',
    '{"line1": "Torstraße 101", "city": "Berlin", "postalCode": "10119", "country": "DE"}', '1995-07-21', '2025-09-19 12:00:00+00'),
(4, '0b7d4c1e-2f3a-4e5b-8c6d-000000000004', 'jose@example.com', 'José Álvarez', '+34 954 555 012', 'es-ES', false, 0, '{wholesale}',
    '{"line1": "Calle Sierpes 12", "city": "Sevilla", "postalCode": "41004", "country": "ES"}', NULL, '2026-01-08 16:45:12+00'),
(5, '0b7d4c1e-2f3a-4e5b-8c6d-000000000005', 'lukasz@example.com', 'Łukasz Wiśniewski', '+48 12 555 0199', 'pl-PL', false, 40, '{newsletter}',
    '{"line1": "ul. Floriańska 3", "city": "Kraków", "postalCode": "31-019", "country": "PL"}', '1991-02-03', '2026-03-27 07:30:00+00'),
(6, '0b7d4c1e-2f3a-4e5b-8c6d-000000000006', 'hanako@example.com', '佐藤 花子', '+81 3 5555 0123', 'ja-JP', true, 2075, '{vip,tea-club}',
    '{"line1": "渋谷区神南1-2-3", "city": "東京都", "postalCode": "150-0041", "country": "JP"}', '1984-10-09', '2025-04-01 02:15:00+00'),
(7, '0b7d4c1e-2f3a-4e5b-8c6d-000000000007', 'priya@example.com', 'Priya Patel', '+44 20 7946 0321', 'en-GB', false, 150, '{}',
    '{"line1": "14 Redchurch St", "city": "London", "postalCode": "E2 7DJ", "country": "GB"}', '1999-05-17', '2026-05-11 20:05:33+00'),
(8, '0b7d4c1e-2f3a-4e5b-8c6d-000000000008', 'chloe@example.com', 'Chloé Dubois', NULL, 'fr-FR', false, 0, '{newsletter}',
    NULL, NULL, '2026-11-20 10:00:00+00');

-- -------------------------------------------------------------------------------------
-- "StoreLocations" (public info: addresses and opening hours)
-- -------------------------------------------------------------------------------------
CREATE TABLE public."StoreLocations" (
    id              integer PRIMARY KEY,
    "storeName"     text NOT NULL,
    "Region Name"   text NOT NULL,
    address         text NOT NULL,
    country_code    char(2) NOT NULL,
    time_zone       text NOT NULL,
    phone           text,
    "openingHours"  jsonb NOT NULL,
    services        text[] NOT NULL DEFAULT '{}',
    "isFlagship"    boolean NOT NULL DEFAULT false,
    latitude        numeric(9,6),
    longitude       numeric(9,6)
);
COMMENT ON TABLE public."StoreLocations" IS 'Physical stores. Public information: address, phone, opening hours and services. Appointments take place here.';
COMMENT ON COLUMN public."StoreLocations"."openingHours" IS 'Local opening hours per weekday (mon..sun) as "HH:MM-HH:MM", null = closed. Holidays listed under "exceptions".';

INSERT INTO public."StoreLocations" (id, "storeName", "Region Name", address, country_code, time_zone, phone, "openingHours", services, "isFlagship", latitude, longitude) VALUES
(1, 'Brightside Seattle Flagship', 'Pacific Northwest', '400 Pine St, Seattle, WA 98101', 'US', 'America/Los_Angeles', '+1 206 555 0100',
    '{"mon": "10:00-20:00", "tue": "10:00-20:00", "wed": "10:00-20:00", "thu": "10:00-21:00", "fri": "10:00-21:00", "sat": "10:00-21:00", "sun": "11:00-18:00", "exceptions": {"2026-11-26": null, "2026-12-25": null, "2026-12-24": "10:00-16:00"}}',
    '{repairs,fittings,workshops,pickup}', true, 47.611540, -122.337040),
(2, 'Brightside Austin', 'Texas', '301 Congress Ave, Austin, TX 78701', 'US', 'America/Chicago', '+1 512 555 0100',
    '{"mon": "10:00-19:00", "tue": "10:00-19:00", "wed": "10:00-19:00", "thu": "10:00-19:00", "fri": "10:00-20:00", "sat": "10:00-20:00", "sun": null, "exceptions": {"2026-11-26": null, "2026-12-25": null}}',
    '{repairs,pickup}', false, 30.266930, -97.742860),
(3, 'Brightside Berlin Mitte', 'Europe – DACH', 'Rosenthaler Straße 40, 10178 Berlin', 'DE', 'Europe/Berlin', '+49 30 5550 0100',
    '{"mon": "10:00-19:00", "tue": "10:00-19:00", "wed": "10:00-19:00", "thu": "10:00-19:00", "fri": "10:00-19:00", "sat": "10:00-18:00", "sun": null, "exceptions": {"2026-12-24": "10:00-14:00", "2026-12-25": null, "2026-12-26": null}}',
    '{workshops,pickup}', false, 52.526000, 13.402000),
(4, 'ブライトサイド 渋谷', 'Asia Pacific', '東京都渋谷区神南1-10-1', 'JP', 'Asia/Tokyo', '+81 3 5555 0100',
    '{"mon": "11:00-20:00", "tue": "11:00-20:00", "wed": null, "thu": "11:00-20:00", "fri": "11:00-21:00", "sat": "10:00-21:00", "sun": "10:00-20:00", "exceptions": {"2027-01-01": null}}',
    '{workshops,fittings,pickup}', false, 35.662000, 139.699000),
(5, 'Brightside London Shoreditch', 'Europe – UK', '22 Redchurch St, London E2 7DP', 'GB', 'Europe/London', '+44 20 7946 0100',
    '{"mon": "10:00-19:00", "tue": "10:00-19:00", "wed": "10:00-19:00", "thu": "10:00-20:00", "fri": "10:00-20:00", "sat": "10:00-19:00", "sun": "12:00-18:00", "exceptions": {"2026-12-25": null, "2026-12-26": null}}',
    '{repairs,pickup}', false, 51.524000, -0.075000);

-- -------------------------------------------------------------------------------------
-- product_categories (self-referencing tree)
-- -------------------------------------------------------------------------------------
CREATE TABLE public.product_categories (
    id          integer PRIMARY KEY,
    slug        text NOT NULL UNIQUE,
    name        text NOT NULL,
    parent_id   integer REFERENCES public.product_categories (id)
);

INSERT INTO public.product_categories (id, slug, name, parent_id) VALUES
(1, 'electronics', 'Electronics', NULL),
(2, 'audio', 'Audio', 1),
(3, 'wearables', 'Wearables', 1),
(4, 'home-kitchen', 'Home & Kitchen', NULL),
(5, 'tea-coffee', 'Tea & Coffee', 4),
(6, 'accessories', 'Accessories', NULL),
(7, 'outdoor', 'Outdoor', NULL);

-- -------------------------------------------------------------------------------------
-- products
-- -------------------------------------------------------------------------------------
CREATE TABLE public.products (
    id              bigint PRIMARY KEY,
    sku             text NOT NULL UNIQUE,
    name            text NOT NULL,
    description     text,
    category_id     integer NOT NULL REFERENCES public.product_categories (id),
    price           numeric(12,2) NOT NULL CHECK (price >= 0),
    stock           integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
    reorder_level   smallint NOT NULL DEFAULT 5,
    is_active       boolean NOT NULL DEFAULT true,
    warranty        interval,
    average_rating  numeric(3,2),
    attributes      jsonb NOT NULL DEFAULT '{}',
    tags            text[] NOT NULL DEFAULT '{}',
    thumbnail       bytea,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX products_category_id_idx ON public.products (category_id);
COMMENT ON TABLE public.products IS 'Product catalog. Prices in USD. Customers refer to products by SKU (e.g. SKU-789) or by name.';
COMMENT ON COLUMN public.products.stock IS 'Units available to ship right now across all warehouses. 0 = out of stock.';
COMMENT ON COLUMN public.products.is_active IS 'false = discontinued, no longer sold even if stock remains.';
COMMENT ON COLUMN public.products.thumbnail IS 'Small preview image (PNG bytes). Not meant for customers.';

INSERT INTO public.products (id, sku, name, description, category_id, price, stock, reorder_level, is_active, warranty, average_rating, attributes, tags, thumbnail, updated_at) VALUES
(1, 'SKU-101', 'USB-C Charging Cable (2 m)', 'Braided USB-C to USB-C cable, 100 W.', 6, 9.99, 240, 50, true, '1 year', 4.60,
    '{"lengthMeters": 2, "watts": 100, "color": "graphite"}', '{cable,usb-c}', NULL, '2026-11-01 08:00:00+00'),
(2, 'SKU-123', 'Bamboo Cutting Board', 'Large end-grain bamboo board with juice groove.', 4, 24.50, 38, 10, true, NULL, 4.30,
    '{"dimensionsCm": [45, 30, 3]}', '{kitchen,bamboo}', NULL, '2026-10-20 08:00:00+00'),
(3, 'SKU-204', 'Ceramic Pour-Over Coffee Dripper', 'Hand-glazed dripper, fits size 02 filters.', 5, 32.00, 0, 5, true, NULL, 4.80,
    '{"filterSize": "02", "restockExpected": "2026-12-10"}', '{coffee,ceramic}', decode('89504e470d0a1a0a0000000d49484452', 'hex'), '2026-11-18 08:00:00+00'),
(4, 'SKU-256', 'Bluetooth Speaker Mini', 'Pocket speaker, 12 h battery, IP67.', 2, 49.90, 12, 5, true, '2 years', 4.10,
    '{"batteryHours": 12, "waterproof": "IP67", "colors": ["black", "coral"]}', '{speaker,bluetooth}', NULL, '2026-11-02 08:00:00+00'),
(5, 'SKU-311', 'Stainless Steel Water Bottle 750 ml', 'Vacuum insulated, keeps drinks cold for 24 h.', 7, 19.95, 85, 20, true, NULL, 4.70,
    '{"volumeMl": 750}', '{bottle,outdoor}', NULL, '2026-10-05 08:00:00+00'),
(6, 'SKU-345', '抹茶スターターセット', 'Matcha starter set: chasen whisk, chashaku scoop and 40 g of ceremonial matcha.', 5, 39.00, 22, 5, true, NULL, 4.90,
    '{"origin": "宇治 (Uji), Japan", "matchaGrams": 40}', '{tea,matcha,gift}', decode('89504e470d0a1a0a0000000d49484452', 'hex'), '2026-11-10 08:00:00+00'),
(7, 'SKU-402', '南部鉄器 急須', 'Nambu cast-iron teapot, 0.6 l, enamel lined.', 5, 89.00, 4, 3, true, NULL, 4.95,
    '{"origin": "岩手県 (Iwate), Japan", "volumeLiters": 0.6}', '{tea,cast-iron,gift}', NULL, '2026-11-12 08:00:00+00'),
(8, 'SKU-456', 'Fitness Tracker Band', 'Heart rate, sleep and step tracking. 7 day battery.', 3, 59.99, 0, 10, true, '1 year', 3.90,
    '{"batteryDays": 7, "restockExpected": "2026-12-02"}', '{fitness,wearable}', NULL, '2026-11-15 08:00:00+00'),
(9, 'SKU-512', 'Leather Laptop Sleeve 14"', 'Full-grain leather sleeve for 13-14" laptops.', 6, 44.00, 17, 5, true, NULL, 4.40,
    '{"fits": "13-14 inch", "material": "leather"}', '{laptop,leather}', NULL, '2026-09-30 08:00:00+00'),
(10, 'SKU-600', 'Rechargeable Camping Lantern', '3 brightness levels, USB-C charging, 400 lumen.', 7, 34.99, 9, 5, true, '1 year', 4.50,
    '{"lumen": 400}', '{camping,outdoor,light}', NULL, '2026-10-12 08:00:00+00'),
(11, 'SKU-678', 'Smartwatch Pro 2', 'AMOLED smartwatch with GPS and contactless payments.', 3, 249.00, 6, 5, true, '2 years', 4.20,
    '{"gps": true, "sizesMm": [41, 45]}', '{smartwatch,wearable}', NULL, '2026-11-05 08:00:00+00'),
(12, 'SKU-701', 'Noise-Cancelling Earbuds', 'True wireless earbuds with active noise cancelling.', 2, 129.00, 31, 10, true, '1 year', 4.00,
    '{"anc": true, "batteryHours": 8}', '{earbuds,bluetooth,anc}', NULL, '2026-11-03 08:00:00+00'),
(13, 'SKU-789', 'Wireless Over-Ear Headphones', 'Over-ear headphones with ANC, 40 h battery and multipoint Bluetooth.', 2, 179.00, 14, 5, true, '2 years', 4.70,
    '{"anc": true, "batteryHours": 40, "colors": ["black", "sand"]}', '{headphones,bluetooth,anc}', decode('89504e470d0a1a0a0000000d49484452', 'hex'), '2026-11-16 08:00:00+00'),
(14, 'SKU-800', 'Chef''s Knife 20 cm', 'German steel chef''s knife, full tang.', 4, 69.00, 11, 5, true, 'P10Y', 4.60,
    '{"bladeCm": 20, "steel": "X50CrMoV15"}', '{kitchen,knife}', NULL, '2026-10-01 08:00:00+00'),
(15, 'SKU-850', '折りたたみ傘', 'Compact folding umbrella, automatic open/close, 280 g.', 6, 27.00, 50, 10, true, NULL, 4.20,
    '{"weightGrams": 280}', '{umbrella,travel}', NULL, '2026-10-15 08:00:00+00'),
(16, 'SKU-333', 'Retro Cassette Player', 'Discontinued. Portable cassette player with headphone jack.', 2, 59.00, 2, 0, false, NULL, 3.50,
    '{}', '{retro,discontinued}', NULL, '2026-06-30 08:00:00+00');

-- -------------------------------------------------------------------------------------
-- orders
-- -------------------------------------------------------------------------------------
CREATE TABLE public.orders (
    id                  bigint PRIMARY KEY,
    order_number        bigint NOT NULL UNIQUE,
    customer_id         bigint NOT NULL REFERENCES public.customers (id),
    status              text NOT NULL CHECK (status IN ('pending', 'processing', 'shipped', 'delivered', 'cancelled', 'returned', 'refunded')),
    placed_at           timestamptz NOT NULL,
    currency            char(3) NOT NULL DEFAULT 'USD',
    subtotal            numeric(12,2) NOT NULL DEFAULT 0,
    shipping_fee        numeric(12,2) NOT NULL DEFAULT 0,
    total               numeric(12,2) NOT NULL DEFAULT 0,
    shipping_address    jsonb,
    carrier             text,
    tracking_number     text,
    estimated_delivery  date,
    delivered_at        timestamptz,
    notes               text
);
CREATE INDEX orders_customer_id_idx ON public.orders (customer_id);
COMMENT ON TABLE public.orders IS 'Customer orders. Customers quote order_number (e.g. "order #1001"), never id.';
COMMENT ON COLUMN public.orders.order_number IS 'Customer-facing order number printed on receipts and emails.';
COMMENT ON COLUMN public.orders.status IS 'pending = awaiting payment, processing = paid and being packed, shipped = handed to carrier, delivered, cancelled, returned (parcel back with us), refunded.';
COMMENT ON COLUMN public.orders.estimated_delivery IS 'Date the carrier promised. Null until the order ships or when cancelled.';
COMMENT ON COLUMN public.orders.tracking_number IS 'Carrier tracking number, set once the order has shipped.';

INSERT INTO public.orders (id, order_number, customer_id, status, placed_at, shipping_address, carrier, tracking_number, estimated_delivery, delivered_at, notes) VALUES
(1, 1001, 1, 'shipped', '2026-10-28 17:04:11+00', '{"line1": "1200 Pine St Apt 4B", "city": "Seattle", "region": "WA", "postalCode": "98101", "country": "US"}',
    'UPS', '1Z999AA10123456784', '2026-11-24', NULL, 'Backordered headphones, shipped after the 2026-11-16 restock.'),
(2, 1002, 2, 'delivered', '2026-10-30 14:20:00+00', '{"line1": "88 Congress Ave", "city": "Austin", "region": "TX", "postalCode": "78701", "country": "US"}',
    'FedEx', '771234567890', '2026-11-04', '2026-11-03 19:12:00+00', NULL),
(3, 1003, 3, 'delivered', '2026-11-01 09:45:30+01', '{"line1": "Torstraße 101", "city": "Berlin", "postalCode": "10119", "country": "DE"}',
    'DHL', '00340434161094015902', '2026-11-06', '2026-11-06 11:30:00+01', 'Left with neighbour (Frau Schmidt, 2nd floor).'),
(4, 1004, 4, 'delivered', '2026-11-03 20:11:00+01', '{"line1": "Calle Sierpes 12", "city": "Sevilla", "postalCode": "41004", "country": "ES"}',
    'DHL', '00340434161094022887', '2026-11-09', '2026-11-08 13:05:00+01', NULL),
(5, 1005, 5, 'cancelled', '2026-11-05 06:55:00+01', '{"line1": "ul. Floriańska 3", "city": "Kraków", "postalCode": "31-019", "country": "PL"}',
    NULL, NULL, NULL, NULL, 'Cancelled by customer before payment.'),
(6, 1006, 6, 'delivered', '2026-11-07 10:00:00+09', '{"line1": "渋谷区神南1-2-3", "city": "東京都", "postalCode": "150-0041", "country": "JP"}',
    'Japan Post', 'EJ123456789JP', '2026-11-13', '2026-11-12 15:40:00+09', NULL),
(7, 1007, 1, 'delivered', '2026-11-09 03:30:00+00', '{"line1": "1200 Pine St Apt 4B", "city": "Seattle", "region": "WA", "postalCode": "98101", "country": "US"}',
    'USPS', '9400111899223197428490', '2026-11-14', '2026-11-13 21:02:00+00', NULL),
(8, 1008, 7, 'refunded', '2026-11-10 12:12:12+00', '{"line1": "14 Redchurch St", "city": "London", "postalCode": "E2 7DJ", "country": "GB"}',
    'Royal Mail', 'RM123456785GB', '2026-11-14', '2026-11-13 10:00:00+00', 'Arrived damaged. Refunded 2026-11-18.'),
(9, 1009, 2, 'returned', '2026-11-12 22:48:00+00', '{"line1": "88 Congress Ave", "city": "Austin", "region": "TX", "postalCode": "78701", "country": "US"}',
    'FedEx', '771234567999', '2026-11-16', '2026-11-16 18:20:00+00', 'Return received 2026-11-20, refund pending inspection.'),
(10, 1010, 3, 'shipped', '2026-11-15 18:30:00+01', '{"line1": "Torstraße 101", "city": "Berlin", "postalCode": "10119", "country": "DE"}',
    'DHL', '00340434161094039954', '2026-11-23', NULL, NULL),
(11, 1011, 6, 'shipped', '2026-11-17 21:15:00+09', '{"line1": "渋谷区神南1-2-3", "city": "東京都", "postalCode": "150-0041", "country": "JP"}',
    'Japan Post', 'EJ987654321JP', '2026-11-25', NULL, 'Gift wrap requested 🎁'),
(12, 1012, 1, 'processing', '2026-11-19 16:05:00+00', '{"line1": "1200 Pine St Apt 4B", "city": "Seattle", "region": "WA", "postalCode": "98101", "country": "US"}',
    NULL, NULL, '2026-11-27', NULL, NULL),
(13, 1013, 4, 'shipped', '2026-11-13 11:00:00+01', '{"line1": "Calle Sierpes 12", "city": "Sevilla", "postalCode": "41004", "country": "ES"}',
    'DHL', '00340434161094047781', '2026-11-19', NULL, 'Carrier reports a delay at the Madrid hub.'),
(14, 1014, 7, 'processing', '2026-11-20 08:40:00+00', '{"line1": "14 Redchurch St", "city": "London", "postalCode": "E2 7DJ", "country": "GB"}',
    NULL, NULL, '2026-11-26', NULL, NULL),
(15, 1015, 5, 'shipped', '2026-11-20 13:25:00+01', '{"line1": "ul. Floriańska 3", "city": "Kraków", "postalCode": "31-019", "country": "PL"}',
    'DHL', '00340434161094055510', '2026-11-26', NULL, NULL),
(16, 1016, 2, 'pending', '2026-11-21 23:59:59+00', '{"line1": "88 Congress Ave", "city": "Austin", "region": "TX", "postalCode": "78701", "country": "US"}',
    NULL, NULL, NULL, NULL, 'Waiting for bank transfer.');

-- -------------------------------------------------------------------------------------
-- order_items (composite primary key)
-- -------------------------------------------------------------------------------------
CREATE TABLE public.order_items (
    order_id    bigint NOT NULL REFERENCES public.orders (id) ON DELETE CASCADE,
    line_no     integer NOT NULL,
    product_id  bigint NOT NULL REFERENCES public.products (id),
    quantity    integer NOT NULL CHECK (quantity > 0),
    unit_price  numeric(12,2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_items_product_id_idx ON public.order_items (product_id);
COMMENT ON TABLE public.order_items IS 'Lines of an order. unit_price is the price paid, which can differ from the current product price.';

INSERT INTO public.order_items (order_id, line_no, product_id, quantity, unit_price) VALUES
(1, 1, 13, 1, 179.00), (1, 2, 1, 2, 9.99),
(2, 1, 4, 1, 49.90), (2, 2, 5, 2, 19.95),
(3, 1, 3, 1, 32.00), (3, 2, 6, 1, 39.00),
(4, 1, 14, 1, 69.00),
(5, 1, 11, 1, 249.00),
(6, 1, 7, 1, 89.00), (6, 2, 6, 2, 39.00), (6, 3, 15, 1, 27.00),
(7, 1, 1, 1, 9.99),
(8, 1, 2, 1, 24.50), (8, 2, 14, 1, 69.00),
(9, 1, 12, 1, 129.00),
(10, 1, 8, 1, 59.99), (10, 2, 5, 1, 19.95),
(11, 1, 7, 1, 89.00),
(12, 1, 10, 2, 34.99), (12, 2, 9, 1, 44.00), (12, 3, 1, 1, 9.99),
(13, 1, 4, 1, 49.90),
(14, 1, 13, 1, 179.00), (14, 2, 15, 1, 27.00),
(15, 1, 12, 1, 129.00), (15, 2, 1, 3, 9.99),
(16, 1, 2, 2, 24.50);

-- Totals are derived from the lines so they always add up. Free shipping from 50 USD.
UPDATE public.orders o
SET subtotal = l.subtotal,
    shipping_fee = CASE WHEN l.subtotal >= 50 THEN 0 ELSE 4.99 END,
    total = l.subtotal + CASE WHEN l.subtotal >= 50 THEN 0 ELSE 4.99 END
FROM (SELECT order_id, sum(quantity * unit_price) AS subtotal FROM public.order_items GROUP BY order_id) l
WHERE l.order_id = o.id;

-- -------------------------------------------------------------------------------------
-- inventory_events (append-only log, deliberately WITHOUT a primary key)
-- -------------------------------------------------------------------------------------
CREATE TABLE public.inventory_events (
    product_id  bigint NOT NULL REFERENCES public.products (id),
    order_id    bigint REFERENCES public.orders (id) ON DELETE SET NULL,
    happened_at timestamptz NOT NULL,
    delta       integer NOT NULL,
    reason      text NOT NULL CHECK (reason IN ('restock', 'sale', 'return', 'adjustment')),
    note        text
);
CREATE INDEX inventory_events_product_id_idx ON public.inventory_events (product_id, happened_at);
CREATE INDEX inventory_events_order_id_idx ON public.inventory_events (order_id);
COMMENT ON TABLE public.inventory_events IS 'Stock movements per product (positive = into stock). Append-only log without a primary key.';

INSERT INTO public.inventory_events (product_id, order_id, happened_at, delta, reason, note) VALUES
(13, NULL, '2026-10-01 07:00:00+00', 20, 'restock', 'Initial stock'),
(13, NULL, '2026-10-15 12:00:00+00', -20, 'adjustment', 'Moved to the holiday promotion pool'),
(13, NULL, '2026-11-16 06:30:00+00', 16, 'restock', 'Backorder arrived'),
(13, 1, '2026-11-17 09:00:00+00', -1, 'sale', NULL),
(13, 14, '2026-11-20 09:10:00+00', -1, 'sale', NULL),
(1, NULL, '2026-10-01 07:00:00+00', 250, 'restock', NULL),
(1, 1, '2026-11-17 09:00:00+00', -2, 'sale', NULL),
(1, 7, '2026-11-09 04:00:00+00', -1, 'sale', NULL),
(3, NULL, '2026-10-01 07:00:00+00', 1, 'restock', NULL),
(3, 3, '2026-11-02 08:00:00+00', -1, 'sale', 'Last unit'),
(8, 10, '2026-11-16 08:00:00+00', -1, 'sale', 'Last unit'),
(12, 9, '2026-11-20 15:00:00+00', 1, 'return', 'Returned by customer, resellable'),
(14, 8, '2026-11-18 10:00:00+00', 0, 'return', 'Damaged in transit, written off'),
(6, NULL, '2026-11-10 07:00:00+00', -1, 'adjustment', 'Stock count correction'),
(7, NULL, '2026-11-12 07:00:00+00', 3, 'restock', NULL),
(7, 11, '2026-11-18 01:00:00+00', -1, 'sale', NULL),
(7, 11, '2026-11-18 01:00:00+00', -1, 'sale', NULL);

-- -------------------------------------------------------------------------------------
-- appointments
-- -------------------------------------------------------------------------------------
CREATE TABLE public.appointments (
    id              uuid PRIMARY KEY,
    customer_id     bigint NOT NULL REFERENCES public.customers (id),
    store_id        integer NOT NULL REFERENCES public."StoreLocations" (id),
    kind            text NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    status          text NOT NULL CHECK (status IN ('scheduled', 'confirmed', 'completed', 'cancelled', 'no_show')),
    notes           text,
    CHECK (ends_at > starts_at)
);
CREATE INDEX appointments_customer_id_idx ON public.appointments (customer_id, starts_at);
COMMENT ON TABLE public.appointments IS 'In-store appointments (repairs, fittings, workshops). "Next appointment" = earliest scheduled/confirmed one starting after now.';

INSERT INTO public.appointments (id, customer_id, store_id, kind, starts_at, ends_at, status, notes) VALUES
('6a1f0d2e-9b3c-4c7d-a5e6-000000000001', 1, 1, 'repair drop-off', '2026-09-12 17:00:00+00', '2026-09-12 17:30:00+00', 'completed', 'Speaker not charging. Replaced under warranty.'),
('6a1f0d2e-9b3c-4c7d-a5e6-000000000002', 1, 1, 'headphone fitting', '2026-12-03 23:30:00+00', '2026-12-04 00:15:00+00', 'confirmed', 'Wants to compare SKU-789 and SKU-701.'),
('6a1f0d2e-9b3c-4c7d-a5e6-000000000003', 1, 1, 'gift wrapping', '2026-12-18 18:00:00+00', '2026-12-18 18:30:00+00', 'scheduled', NULL),
('6a1f0d2e-9b3c-4c7d-a5e6-000000000004', 2, 2, 'repair drop-off', '2026-11-25 16:00:00+00', '2026-11-25 16:30:00+00', 'scheduled', 'Earbuds left side silent.'),
('6a1f0d2e-9b3c-4c7d-a5e6-000000000005', 3, 3, 'coffee tasting workshop', '2026-12-05 10:00:00+00', '2026-12-05 12:00:00+00', 'confirmed', 'Zoë + 1 guest'),
('6a1f0d2e-9b3c-4c7d-a5e6-000000000006', 4, 3, 'personal shopping', '2026-11-10 15:00:00+00', '2026-11-10 16:00:00+00', 'cancelled', 'Cancelled by customer.'),
('6a1f0d2e-9b3c-4c7d-a5e6-000000000007', 6, 4, '茶道ワークショップ (tea ceremony workshop)', '2026-12-12 05:00:00+00', '2026-12-12 06:30:00+00', 'confirmed', NULL),
('6a1f0d2e-9b3c-4c7d-a5e6-000000000008', 7, 5, 'smartwatch setup', '2026-11-18 14:00:00+00', '2026-11-18 14:30:00+00', 'no_show', NULL),
('6a1f0d2e-9b3c-4c7d-a5e6-000000000009', 5, 3, 'personal shopping', '2026-12-08 13:00:00+00', '2026-12-08 14:00:00+00', 'scheduled', 'Looking for a gift under 100 EUR.');

-- -------------------------------------------------------------------------------------
-- support.tickets (identity column, enum, second schema)
-- -------------------------------------------------------------------------------------
CREATE TYPE support.ticket_priority AS ENUM ('low', 'normal', 'high', 'urgent');

CREATE TABLE support.tickets (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES public.customers (id),
    order_id    bigint REFERENCES public.orders (id),
    subject     text NOT NULL,
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending_customer', 'resolved', 'closed')),
    priority    support.ticket_priority NOT NULL DEFAULT 'normal',
    channel     text NOT NULL CHECK (channel IN ('email', 'chat', 'phone', 'web')),
    tags        text[] NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX tickets_customer_id_idx ON support.tickets (customer_id);
CREATE INDEX tickets_order_id_idx ON support.tickets (order_id);
COMMENT ON TABLE support.tickets IS 'Support tickets. Customers refer to them as "ticket #<id>". order_id is set when the ticket is about an order.';

-- Explicit ids keep the sample stable, the sequence is moved past them right after.
INSERT INTO support.tickets (id, customer_id, order_id, subject, status, priority, channel, tags, created_at, updated_at) OVERRIDING SYSTEM VALUE VALUES
(1, 1, 1, 'Where is my order #1001?', 'open', 'normal', 'chat', '{shipping,backorder}', '2026-11-14 18:00:00+00', '2026-11-17 09:05:00+00'),
(2, 2, 9, 'Refund for returned earbuds', 'pending_customer', 'normal', 'email', '{refund,return}', '2026-11-20 16:00:00+00', '2026-11-21 10:30:00+00'),
(3, 3, 3, 'Paket beim Nachbarn abgegeben', 'resolved', 'low', 'email', '{delivery}', '2026-11-06 12:00:00+00', '2026-11-06 15:45:00+00'),
(4, 6, 11, '配送状況について', 'open', 'normal', 'web', '{shipping}', '2026-11-20 01:00:00+00', '2026-11-20 01:00:00+00'),
(5, 4, 13, 'Package delayed 😕', 'open', 'high', 'chat', '{shipping,delay}', '2026-11-20 09:30:00+00', '2026-11-21 08:00:00+00'),
(6, 5, NULL, 'Discount code not working', 'closed', 'low', 'web', '{promo}', '2026-11-04 19:00:00+00', '2026-11-05 08:00:00+00'),
(7, 7, 8, 'Chef''s knife arrived damaged', 'resolved', 'urgent', 'phone', '{damaged,refund}', '2026-11-13 10:30:00+00', '2026-11-18 10:05:00+00');

SELECT setval(pg_get_serial_sequence('support.tickets', 'id'), (SELECT max(id) FROM support.tickets));

CREATE TABLE support.ticket_messages (
    id          bigint PRIMARY KEY,
    ticket_id   bigint NOT NULL REFERENCES support.tickets (id) ON DELETE CASCADE,
    sender      text NOT NULL CHECK (sender IN ('customer', 'agent', 'system')),
    body        text NOT NULL,
    is_internal boolean NOT NULL DEFAULT false,
    sent_at     timestamptz NOT NULL
);
CREATE INDEX ticket_messages_ticket_id_idx ON support.ticket_messages (ticket_id, sent_at);
COMMENT ON TABLE support.ticket_messages IS 'Messages on a ticket. is_internal = note between agents, never show it to the customer.';

INSERT INTO support.ticket_messages (id, ticket_id, sender, body, is_internal, sent_at) VALUES
(1, 1, 'customer', 'Hi! I ordered the headphones two weeks ago and order #1001 still hasn''t shipped 📦 Any update? 🙏', false, '2026-11-14 18:00:00+00'),
(2, 1, 'agent', 'Sorry for the wait, Alice! SKU-789 was backordered. The restock arrives on Nov 16 and your order ships right after.', false, '2026-11-14 18:20:00+00'),
(3, 1, 'system', 'Order 1001 shipped with UPS, tracking 1Z999AA10123456784.', false, '2026-11-17 09:05:00+00'),
(4, 2, 'customer', 'I sent the earbuds back last week. When do I get my money back?', false, '2026-11-20 16:00:00+00'),
(5, 2, 'agent', 'Return received. Inspection takes 2-3 business days, then the refund goes to your card.', false, '2026-11-21 10:30:00+00'),
(6, 2, 'agent', 'Box was opened but earbuds look unused. OK to refund.', true, '2026-11-21 10:31:00+00'),
(7, 3, 'customer', 'Mein Paket wurde beim Nachbarn abgegeben, ist das ok? 😊', false, '2026-11-06 12:00:00+00'),
(8, 3, 'agent', 'Ja, Frau Schmidt im 2. Stock hat es angenommen. Schönen Tag noch!', false, '2026-11-06 15:45:00+00'),
(9, 4, 'customer', '注文1011はいつ届きますか？ギフト包装もお願いしました 🎁', false, '2026-11-20 01:00:00+00'),
(10, 5, 'customer', '¿Dónde está mi pedido? Debía llegar el 19 de noviembre 😕', false, '2026-11-20 09:30:00+00'),
(11, 5, 'agent', 'DHL reports a delay at the Madrid hub. We expect delivery within 2 days and will refund the shipping.', false, '2026-11-21 08:00:00+00'),
(12, 6, 'customer', 'Kod rabatowy WINTER10 nie działa 😤', false, '2026-11-04 19:00:00+00'),
(13, 6, 'agent', 'WINTER10 starts on December 1st. Sorry for the confusion!', false, '2026-11-05 08:00:00+00'),
(14, 7, 'customer', 'The knife arrived with a broken tip. Photos attached.', false, '2026-11-13 10:30:00+00'),
(15, 7, 'agent', 'Refund of the full order issued. No need to send it back.', false, '2026-11-18 10:05:00+00');

-- -------------------------------------------------------------------------------------
-- order_summaries (view)
-- -------------------------------------------------------------------------------------
CREATE VIEW public.order_summaries AS
SELECT o.order_number,
       c.email AS customer_email,
       c.full_name AS customer_name,
       o.status,
       o.placed_at,
       o.carrier,
       o.tracking_number,
       o.estimated_delivery,
       o.delivered_at,
       o.total,
       o.currency,
       (SELECT coalesce(sum(i.quantity), 0) FROM public.order_items i WHERE i.order_id = o.id) AS item_count
FROM public.orders o
JOIN public.customers c ON c.id = o.customer_id;
COMMENT ON VIEW public.order_summaries IS 'One row per order with the customer and delivery details most support questions need.';

COMMIT;
