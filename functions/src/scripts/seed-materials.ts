import type { MaterialFile, MaterialInput } from '../shared/materials';

/** A demo file the seed writes into local media storage; `path` must start with `media/`. */
export interface SeedFile {
  path: string;
  name: string;
  contentType: string;
  content: string;
}

const orders = [
  'order_id,customer_id,ordered_at,status,total_eur',
  ...Array.from({ length: 20 }, (_, i) =>
    [
      1001 + i,
      200 + ((i * 7) % 13),
      `2026-10-${String((i % 28) + 1).padStart(2, '0')}T09:15:00Z`,
      ['paid', 'shipped', 'refunded', 'paid'][i % 4],
      (9.5 + i * 13.37).toFixed(2),
    ].join(','),
  ),
].join('\n');

export const SEED_FILES: SeedFile[] = [
  { path: 'media/seed/sample-orders.csv', name: 'sample-orders.csv', contentType: 'text/csv', content: `${orders}\n` },
  {
    path: 'media/seed/sql-window-functions-cheatsheet.md',
    name: 'sql-window-functions-cheatsheet.md',
    contentType: 'text/markdown',
    content: `# SQL window functions cheat sheet

| task | pattern |
| --- | --- |
| running total | SUM(x) OVER (PARTITION BY k ORDER BY t ROWS UNBOUNDED PRECEDING) |
| rank within a group | ROW_NUMBER() OVER (PARTITION BY k ORDER BY score DESC) |
| previous value | LAG(x) OVER (PARTITION BY k ORDER BY t) |
| 7-day moving average | AVG(x) OVER (ORDER BY t ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) |
| share of total | x / SUM(x) OVER (PARTITION BY k) |
`,
  },
  {
    path: 'media/seed/dbt-project-template.yml',
    name: 'dbt-project-template.yml',
    contentType: 'application/yaml',
    content: `name: analytics
version: '1.0.0'
config-version: 2
profile: analytics
model-paths: ['models']
snapshot-paths: ['snapshots']
models:
  analytics:
    staging:
      +materialized: view
      +schema: staging
    intermediate:
      +materialized: ephemeral
    marts:
      +materialized: table
      +schema: marts
tests:
  +store_failures: true
`,
  },
];

function fileRef(path: string): MaterialFile {
  const f = SEED_FILES.find((x) => x.path === path);
  if (!f) throw new Error(`No seed file ${path}`);
  return { name: f.name, path: f.path, size: Buffer.byteLength(f.content), contentType: f.contentType };
}

const MAYA = 'Maya Lindqvist';
const TOMAS = 'Tomás Ferreira';
const NOOR = 'Noor Haddad';

type Seed = MaterialInput & { daysAgo: number };
const m = (v: Omit<Seed, 'files'> & { files?: MaterialFile[] }): Seed => ({ files: [], ...v });

/** Days before "now" each material was published, so the catalog has a stable order. */
export const SEED_MATERIALS: Seed[] = [
  // ---- public
  m({
    id: 'what-a-data-engineer-does',
    kind: 'article',
    title: 'What a data engineer actually does all day',
    summary:
      'Pipelines, contracts, on-call and a lot of talking to people: an honest look at the job behind the job title.',
    tags: ['career', 'architecture'],
    access: 'public',
    status: 'published',
    author: MAYA,
    daysAgo: 1,
    markdown: `## More plumbing than magic

Most days start with the overnight runs. Did every load finish, did the row counts look normal, did anything upstream change its schema without telling anyone? A good data engineer reads the morning dashboard before the first coffee.

## The three kinds of work

1. **Moving data**: ingestion from databases, APIs and files into the warehouse or lake.
2. **Shaping data**: modelling raw tables into facts and dimensions people can trust.
3. **Keeping it honest**: tests, monitoring, documentation and the occasional incident review.

The rest of the week goes into conversations. Analysts want a new metric, product wants an event tracked, finance wants last quarter restated. Translating those requests into tables is the real craft.

Read the [dbt viewpoint](https://docs.getdbt.com/community/resources/viewpoint) for one take on how analytics engineering splits the work.`,
  }),
  m({
    id: 'parquet-for-beginners',
    kind: 'tutorial',
    title: 'Parquet for beginners: columns, row groups and why it is fast',
    summary: 'A gentle tour of the file format behind every modern lake, with a ten-line Python example.',
    tags: ['python', 'duckdb'],
    access: 'public',
    status: 'published',
    author: TOMAS,
    daysAgo: 3,
    markdown: `## Column by column

Parquet stores each column together, compressed, with statistics for every row group. A query that needs two columns out of forty reads two columns out of forty.

\`\`\`python
import pyarrow as pa
import pyarrow.parquet as pq

table = pa.table({"city": ["Lisbon", "Porto"], "visits": [120, 87]})
pq.write_table(table, "visits.parquet", row_group_size=100_000)
print(pq.ParquetFile("visits.parquet").metadata)
\`\`\`

Min and max values per row group let engines skip whole chunks of a file. Sorting by the column you filter on most makes that skipping dramatically better.

See the [Apache Parquet documentation](https://parquet.apache.org/docs/) for the full format.`,
  }),
  m({
    id: 'sql-joins-visual-guide',
    kind: 'example',
    title: 'SQL joins, one example each',
    summary: 'Inner, left, full, semi and anti joins on the same two tiny tables, so the differences finally stick.',
    tags: ['sql'],
    access: 'public',
    status: 'published',
    author: NOOR,
    daysAgo: 5,
    markdown: `## The tables

Customers has ids one to four, orders has customer ids two, three and five.

\`\`\`sql
-- customers without any order: an anti join
SELECT c.*
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
WHERE o.customer_id IS NULL;
\`\`\`

An inner join keeps two and three. A left join keeps all four customers with empty order columns for one and four. A full join adds the orphan order for customer five.

Semi joins are written with EXISTS and never duplicate rows, which makes them the safe choice for filters.`,
  }),
  // ---- free
  m({
    id: 'window-functions-cheat-sheet',
    kind: 'download',
    title: 'SQL window functions cheat sheet',
    summary: 'Running totals, rankings, lags and moving averages on one printable page. Free for members.',
    tags: ['sql'],
    access: 'free',
    status: 'published',
    author: NOOR,
    daysAgo: 2,
    files: [fileRef('media/seed/sql-window-functions-cheatsheet.md')],
    markdown: `## What is inside

The cheat sheet covers the five window patterns that solve most analytics questions, each with the exact frame clause to use.

Deduplicating a table while keeping the latest row is the pattern people ask about most:

\`\`\`sql
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY updated_at DESC) AS rn
  FROM raw_customers
) WHERE rn = 1;
\`\`\`

Download the file below and keep it next to your editor.`,
  }),
  m({
    id: 'duckdb-in-ten-minutes',
    kind: 'tutorial',
    title: 'DuckDB in ten minutes',
    summary: 'Query CSV and Parquet files on your laptop with plain SQL, no server required.',
    tags: ['duckdb', 'sql', 'python'],
    access: 'free',
    status: 'published',
    author: TOMAS,
    daysAgo: 7,
    markdown: `## Install and query

DuckDB is an in-process analytical database. It reads files where they are and runs vectorised SQL over them.

\`\`\`sql
INSTALL httpfs;
SELECT status, count(*) AS orders, round(sum(total_eur), 2) AS revenue
FROM read_csv_auto('sample-orders.csv')
GROUP BY status
ORDER BY revenue DESC;
\`\`\`

From Python the same query is one call to duckdb.sql, and the result converts to a pandas or Polars frame without copying.

The [DuckDB documentation](https://duckdb.org/docs/) has a page for every file format it reads.`,
  }),
  m({
    id: 'naming-conventions-for-warehouses',
    kind: 'article',
    title: 'Naming conventions that keep a warehouse readable',
    summary: 'Prefixes, plurals and timestamps: small rules that save hours of guessing.',
    tags: ['architecture', 'sql'],
    access: 'free',
    status: 'published',
    author: MAYA,
    daysAgo: 9,
    markdown: `## Rules we use

- Staging models start with stg_ and keep the source name: stg_shop__orders.
- Facts and dimensions say so: fct_orders, dim_customers.
- Timestamps end in _at and are stored in UTC; dates end in _date.
- Booleans read as questions: is_refunded, has_subscription.

Consistency matters more than the particular rule. Write the conventions down in the repository and enforce them in review.

The [dbt style guide](https://docs.getdbt.com/best-practices/how-we-style/0-how-we-style-our-dbt-projects) is a good starting point to adapt.`,
  }),
  // ---- basic
  m({
    id: 'incremental-models-in-dbt',
    kind: 'tutorial',
    title: 'Incremental models in dbt without tears',
    summary: 'Process only new rows, handle late data and know when a full refresh is the honest answer.',
    tags: ['dbt', 'sql'],
    access: 'basic',
    status: 'published',
    author: MAYA,
    daysAgo: 4,
    markdown: `## The pattern

An incremental model appends or merges only the rows that changed since the last run.

\`\`\`sql
{{ config(materialized='incremental', unique_key='order_id', incremental_strategy='merge') }}

SELECT order_id, customer_id, status, total_eur, updated_at
FROM {{ ref('stg_shop__orders') }}
{% if is_incremental() %}
WHERE updated_at > (SELECT max(updated_at) - INTERVAL 3 DAY FROM {{ this }})
{% endif %}
\`\`\`

The three day lookback catches late arriving updates at the cost of reprocessing a little data. Merge on the unique key makes the overlap harmless.

Schedule a full refresh when the logic changes, and read the [incremental models docs](https://docs.getdbt.com/docs/build/incremental-models) for adapter specifics.`,
  }),
  m({
    id: 'backfilling-airflow-dags',
    kind: 'article',
    title: 'Backfilling Airflow DAGs safely',
    summary: 'Idempotent tasks, bounded concurrency and a checklist before you rerun two years of history.',
    tags: ['airflow', 'python'],
    access: 'basic',
    status: 'published',
    author: TOMAS,
    daysAgo: 8,
    markdown: `## Before you press run

A backfill replays history, so every task must be idempotent: running it twice for the same interval leaves the same result. Overwrite partitions instead of appending rows.

\`\`\`bash
airflow dags backfill orders_daily \\
  --start-date 2025-01-01 --end-date 2025-12-31 \\
  --reset-dagruns --max-active-runs 4
\`\`\`

Limit concurrency so the source database survives, and warn the people who read those tables.

Checklist: templated dates everywhere, no calls to now in task code, partitions overwritten, downstream consumers informed. The [Airflow DAG run docs](https://airflow.apache.org/docs/apache-airflow/stable/core-concepts/dag-run.html) explain catchup and backfill in detail.`,
  }),
  m({
    id: 'dbt-project-template',
    kind: 'download',
    title: 'A dbt project template with sensible defaults',
    summary: 'The dbt_project.yml we start every client project with: layers, schemas and test storage.',
    tags: ['dbt'],
    access: 'basic',
    status: 'published',
    author: MAYA,
    daysAgo: 12,
    files: [fileRef('media/seed/dbt-project-template.yml')],
    markdown: `## Layers

Staging models are views in their own schema, intermediate models are ephemeral, marts are tables. Failed tests store their rows so you can inspect them.

Copy the file into a fresh project, rename the profile and start modelling. Each setting is explained in the [dbt_project.yml reference](https://docs.getdbt.com/reference/dbt_project.yml).`,
  }),
  // ---- main
  m({
    id: 'slowly-changing-dimensions-type-2',
    kind: 'tutorial',
    title: 'Slowly changing dimensions type 2 in plain SQL',
    summary: 'Keep the full history of customer attributes with valid_from and valid_to, and query it correctly.',
    tags: ['sql', 'architecture'],
    access: 'main',
    status: 'published',
    author: NOOR,
    daysAgo: 6,
    markdown: `## Close the old row, open a new one

Type 2 keeps one row per version of an entity. Each row says when it became valid and when it stopped.

\`\`\`sql
MERGE INTO dim_customers d
USING stg_customers s
ON d.customer_id = s.customer_id AND d.valid_to IS NULL
WHEN MATCHED AND d.row_hash <> s.row_hash THEN
  UPDATE SET valid_to = s.updated_at
WHEN NOT MATCHED THEN
  INSERT (customer_id, segment, row_hash, valid_from, valid_to)
  VALUES (s.customer_id, s.segment, s.row_hash, s.updated_at, NULL);
\`\`\`

A second pass inserts the new versions of rows that were just closed. Join facts to the version that was valid at the event time, never to the current one.

Kimball's [dimensional modelling techniques](https://www.kimballgroup.com/data-warehouse-business-intelligence-resources/kimball-techniques/dimensional-modeling-techniques/) describe all the types.`,
  }),
  m({
    id: 'change-data-capture-with-debezium',
    kind: 'article',
    title: 'Change data capture with Debezium and Kafka',
    summary: 'Stream every insert, update and delete out of Postgres without touching the application.',
    tags: ['kafka', 'architecture'],
    access: 'main',
    status: 'published',
    author: TOMAS,
    daysAgo: 10,
    markdown: `## Reading the write-ahead log

Debezium reads the database log and publishes one event per row change to Kafka. The application keeps writing to Postgres as before.

\`\`\`json
{
  "name": "shop-connector",
  "config": {
    "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
    "database.hostname": "postgres",
    "database.dbname": "shop",
    "topic.prefix": "shop",
    "table.include.list": "public.orders,public.customers",
    "plugin.name": "pgoutput"
  }
}
\`\`\`

Watch replication slot lag: a stopped connector keeps the database from recycling its log. Plan snapshots for large tables and test what happens on schema changes.

The [Debezium PostgreSQL connector docs](https://debezium.io/documentation/reference/stable/connectors/postgresql.html) list every option.`,
  }),
  m({
    id: 'data-quality-checks-that-matter',
    kind: 'example',
    title: 'Data quality checks that actually catch incidents',
    summary: 'Freshness, volume, uniqueness and referential checks, with the thresholds we use in production.',
    tags: ['data-quality', 'dbt'],
    access: 'main',
    status: 'published',
    author: MAYA,
    daysAgo: 14,
    markdown: `## Four checks before forty

Most incidents show up as late data, missing rows, duplicates or orphans. Test those first.

\`\`\`yaml
models:
  - name: fct_orders
    columns:
      - name: order_id
        tests: [unique, not_null]
      - name: customer_id
        tests:
          - relationships:
              to: ref('dim_customers')
              field: customer_id
sources:
  - name: shop
    freshness:
      warn_after: {count: 6, period: hour}
      error_after: {count: 24, period: hour}
\`\`\`

Volume checks compare today with the same weekday last week and alert beyond thirty percent. The [dbt data tests docs](https://docs.getdbt.com/docs/build/data-tests) cover custom generic tests.`,
  }),
  // ---- premium
  m({
    id: 'lakehouse-on-iceberg-deep-dive',
    kind: 'article',
    title: 'Building a lakehouse on Apache Iceberg: a deep dive',
    summary:
      'Catalogs, snapshots, hidden partitioning and compaction: the full architecture we run for a mid-size retailer.',
    tags: ['architecture', 'spark'],
    access: 'premium',
    status: 'published',
    author: NOOR,
    daysAgo: 11,
    markdown: `## Why Iceberg

Iceberg turns a folder of Parquet files into a table with atomic commits, time travel and schema evolution. Several engines read and write the same tables safely.

\`\`\`sql
CREATE TABLE lake.sales.orders (
  order_id BIGINT, customer_id BIGINT, ordered_at TIMESTAMP, total_eur DECIMAL(12, 2))
USING iceberg
PARTITIONED BY (days(ordered_at));

CALL lake.system.rewrite_data_files(table => 'sales.orders', options => map('min-input-files', '8'));
\`\`\`

Hidden partitioning means queries filter on ordered_at and Iceberg prunes files without a partition column in the query. Schedule compaction nightly and expire snapshots older than a week to keep metadata small.

Our production layout uses a REST catalog, Spark for writes and Trino for interactive reads. The [Iceberg documentation](https://iceberg.apache.org/docs/latest/) covers maintenance procedures.`,
  }),
  m({
    id: 'idempotent-spark-jobs',
    kind: 'tutorial',
    title: 'Idempotent Spark jobs with dynamic partition overwrite',
    summary: 'Rerun any day of a Spark pipeline and get exactly the same table, with the config and code to prove it.',
    tags: ['spark', 'python'],
    access: 'premium',
    status: 'published',
    author: TOMAS,
    daysAgo: 13,
    markdown: `## Overwrite what you own

Appending makes reruns duplicate data. Overwriting only the partitions a run produced makes reruns safe.

\`\`\`python
spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")

(orders
  .where(F.col("order_date") == run_date)
  .write.mode("overwrite")
  .partitionBy("order_date")
  .parquet("s3://lake/silver/orders"))
\`\`\`

Derive every date from the run parameter, never from the clock. Write to a staging path first when readers must never see a half written partition.

The [Spark SQL data sources guide](https://spark.apache.org/docs/latest/sql-data-sources-parquet.html) documents the overwrite modes.`,
  }),
  m({
    id: 'ecommerce-analytics-starter-kit',
    kind: 'download',
    title: 'E-commerce analytics starter kit',
    summary: 'Sample order data plus the model plan we use to build revenue, retention and cohort marts in a week.',
    tags: ['dbt', 'sql', 'duckdb'],
    access: 'premium',
    status: 'published',
    author: MAYA,
    daysAgo: 15,
    files: [fileRef('media/seed/sample-orders.csv'), fileRef('media/seed/dbt-project-template.yml')],
    markdown: `## Inside the kit

Twenty sample orders with statuses and totals, and the project template the models build on. Load the CSV with DuckDB and build the first mart in minutes.

\`\`\`sql
CREATE TABLE fct_revenue_daily AS
SELECT date_trunc('day', ordered_at) AS order_date,
       sum(total_eur) FILTER (WHERE status <> 'refunded') AS net_revenue
FROM read_csv_auto('sample-orders.csv')
GROUP BY 1;
\`\`\`

The model plan covers revenue, first order cohorts and monthly retention. Each mart has its tests listed next to it.`,
  }),
  m({
    id: 'cost-tuning-bigquery',
    kind: 'example',
    title: 'Cutting a BigQuery bill by sixty percent',
    summary: 'Partition filters, clustering, materialised views and slot reservations, measured on a real workload.',
    tags: ['bigquery', 'sql'],
    access: 'premium',
    status: 'published',
    author: NOOR,
    daysAgo: 16,
    markdown: `## Where the money went

Three dashboards scanned the full events table every fifteen minutes. Partitioning by event date and requiring a partition filter fixed most of it.

\`\`\`sql
CREATE TABLE analytics.events
PARTITION BY DATE(event_at)
CLUSTER BY customer_id, event_name
OPTIONS (require_partition_filter = TRUE)
AS SELECT * FROM analytics.events_raw;
\`\`\`

Clustering cut the bytes scanned by customer lookups again by an order of magnitude. A materialised view served the dashboard aggregates for pennies.

Check the [BigQuery cost best practices](https://cloud.google.com/bigquery/docs/best-practices-costs) before buying reservations.`,
  }),
  // ---- draft
  m({
    id: 'polars-vs-pandas-for-etl',
    kind: 'article',
    title: 'Polars vs pandas for ETL: a fair benchmark',
    summary: 'The same pipeline written twice and timed on one laptop. Draft: numbers still being checked.',
    tags: ['python'],
    access: 'main',
    status: 'draft',
    author: TOMAS,
    daysAgo: 0,
    markdown: `## Work in progress

Both versions read the same Parquet files, join orders to customers and aggregate revenue by segment.

\`\`\`python
import polars as pl

revenue = (
    pl.scan_parquet("orders/*.parquet")
    .join(pl.scan_parquet("customers.parquet"), on="customer_id")
    .group_by("segment")
    .agg(pl.col("total_eur").sum())
    .collect()
)
\`\`\`

Results to follow once the runs are repeated on a quiet machine.`,
  }),
  // ---- curated links (kind `link`): the URL, its source, and why it is worth reading; a gated link's URL is in its
  // body only, so visitors never see it.
  m({
    id: 'link-fundamentals-of-data-engineering',
    kind: 'link',
    title: 'The data engineering lifecycle, explained',
    summary:
      'A free chapter that names every stage from generation to serving; the map the rest of our tutorials follow.',
    tags: ['career'],
    access: 'public',
    status: 'published',
    author: MAYA,
    daysAgo: 40,
    source: "O'Reilly",
    url: 'https://www.oreilly.com/library/view/fundamentals-of-data/9781098108298/ch02.html',
    markdown: `Worth reading because it gives one vocabulary for the whole job: generation, storage, ingestion, transformation and serving, and the "undercurrents" (security, orchestration, DataOps) that cross them.`,
  }),
  m({
    id: 'link-dbt-incremental-models',
    kind: 'link',
    title: 'Incremental models, from the people who wrote them',
    summary: 'The reference on is_incremental(), unique keys and merge strategies, with the pitfalls we keep seeing.',
    tags: ['dbt'],
    access: 'basic',
    status: 'published',
    author: TOMAS,
    daysAgo: 41,
    source: 'dbt Labs',
    url: 'https://docs.getdbt.com/docs/build/incremental-models',
    markdown: `Worth reading before your first incremental model: the section on \`unique_key\` and late-arriving rows explains most of the duplicates members ask about.`,
  }),
  m({
    id: 'link-designing-data-intensive-applications',
    kind: 'link',
    title: 'Replication and partitioning, the chapters to reread',
    summary: 'Two chapters that make every distributed database make sense. Our notes say which pages to read first.',
    tags: ['architecture'],
    access: 'main',
    status: 'published',
    author: NOOR,
    daysAgo: 42,
    source: 'Martin Kleppmann',
    url: 'https://dataintensive.net/',
    markdown: `Worth reading because leader-follower lag, quorum reads and hot partitions explain the odd behaviour of almost every warehouse and queue you will run. Start with chapter 5, then 6.`,
  }),
];
