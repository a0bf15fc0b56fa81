-- 10,000 published products with one plan each (and its version 1), for StorefrontQueryCountTests and
-- bench/storefront.sh (which runs it with psql). The seed is one statement (data-modifying CTEs): all or nothing.
--
-- - slugs and names carry a random prefix, so the file can run more than once against one database;
-- - spread over the nine categories, with search words in the names and descriptions ("nebula" in every one,
--   one of nine product words such as "postgres" or "backup" in each);
-- - published, created and updated in 2020, so these rows never crowd the "newest" lists other tests look at,
--   and without ratings, so they never crowd "top rated" either;
-- - the plans boot the oldest available image (any UUID if the registry is empty: image_id has no foreign key).
--
-- DISCARD PLANS first: a pooled connection may hold a cached plan for the foreign-key checks of plans made while
-- products was tiny (a sequential scan); reused for 20,000 checks against 10,000 more rows it took 7 s instead of 1.
discard plans;

with prefix as (
    select 'nb' || substr(md5(random()::text || clock_timestamp()::text), 1, 6) as p
), words as (
    select array['databases', 'developer-tools', 'web-hosting', 'security', 'monitoring', 'communication',
                 'storage-backup', 'ai-ml', 'operating-systems'] as categories,
           array['Postgres', 'Gitea', 'Wordpress', 'Firewall', 'Grafana', 'Mailserver', 'Backup', 'Notebook',
                 'Linux'] as products
), image as (
    select coalesce((select id from images where status = 'AVAILABLE' order by created_at, id limit 1),
                    gen_random_uuid()) as id
), seeded as materialized (
    select gen_random_uuid() as id, g,
           (g % 9) + 1 as k,
           round((2 + (g % 97) * 0.5)::numeric, 2) as price,
           case when g % 10 = 0 then 'USD' else 'EUR' end as currency,
           timestamptz '2020-01-01 00:00:00+00' + g * interval '1 minute' as at
    from generate_series(1, 10000) as g
), products_in as (
    insert into products (id, vendor_id, vendor_name, slug, name, short_description, long_description, category,
                          tags, status, rating_count, rating_sum, lowest_monthly_price, price_currency, published_at,
                          created_at, updated_at, version)
    select s.id, '00000000-0000-4000-8000-00000000cafe', 'Nebula Seed Works',
           prefix.p || '-' || lower(words.products[s.k]) || '-' || s.g,
           'Nebula ' || words.products[s.k] || ' ' || s.g,
           'Nebula ' || words.products[s.k] || ' edition ' || s.g || ': a seeded product for load and query-count tests.',
           '## About' || chr(10) || chr(10) || 'Seeded product number ' || s.g || ' of ten thousand.',
           words.categories[s.k], array['seed', lower(words.products[s.k])], 'PUBLISHED', 0, 0, s.price, s.currency,
           s.at, s.at, s.at, 1
    from seeded s, prefix, words
    returning id
), plans_in as (
    insert into plans (id, product_id, position, version_number, archived, name, vcpus, memory_mib, disk_gib,
                       data_disk_gib, image_id, monthly_price, currency, bandwidth_included_gib,
                       bandwidth_price_per_gib, trial_days, created_at, updated_at, version)
    select gen_random_uuid(), s.id, 1, 1, false, 'Standard', 1 + s.g % 4, 1024 * (1 + s.g % 4), 20, null, image.id,
           s.price, s.currency, 1000, 0.01, 0, s.at, s.at, 0
    from seeded s join products_in p on p.id = s.id, image
    returning id, name, vcpus, memory_mib, disk_gib, data_disk_gib, image_id, monthly_price, currency,
              bandwidth_included_gib, bandwidth_price_per_gib, trial_days, created_at
)
insert into plan_versions (plan_id, number, name, vcpus, memory_mib, disk_gib, data_disk_gib, image_id, monthly_price,
                           currency, bandwidth_included_gib, bandwidth_price_per_gib, trial_days, created_at)
select id, 1, name, vcpus, memory_mib, disk_gib, data_disk_gib, image_id, monthly_price, currency,
       bandwidth_included_gib, bandwidth_price_per_gib, trial_days, created_at
from plans_in;
