-- Doflamingo schema, version 3: rollups of FL_DOF_SAMPLE per 1 minute and per 1 hour, so a chart
-- over days or months reads a few hundred rows per series instead of every raw sample.
-- Written by the sidecar's SampleWriter in the same transaction as the raw rows
-- (sidecar/src/store/rollup-store.ts); read by sidecar/src/store/queries.ts (seriesRange).
-- Like FL_DOF_SAMPLE they are created with `pmax` only; `doflamingo migrate` and the sidecar
-- split it into days (1 minute) and months (1 hour) around today (sidecar/src/store/partitions.ts),
-- and retention drops whole partitions (defaults: raw 7 days, 1 minute 30 days, 1 hour 365 days).
-- Column names min/max/sum/last are not reserved words on MySQL 5.7/8.0 or MariaDB 10.x.

CREATE TABLE IF NOT EXISTS FL_DOF_SAMPLE_1M (
  series_id INT UNSIGNED NOT NULL COMMENT 'FL_DOF_SERIES.series_id',
  ts        INT UNSIGNED NOT NULL COMMENT 'Start of the minute, seconds since 1970-01-01 UTC (a multiple of 60; FROM_UNIXTIME(ts) to read)',
  min       DOUBLE       NOT NULL COMMENT 'Smallest raw value in the minute (unit: FL_DOF_METRIC.unit)',
  max       DOUBLE       NOT NULL COMMENT 'Largest raw value in the minute',
  sum       DOUBLE       NOT NULL COMMENT 'Sum of the raw values in the minute (average = sum / cnt)',
  cnt       INT UNSIGNED NOT NULL COMMENT 'Number of raw samples in the minute',
  last      DOUBLE       NOT NULL COMMENT 'Value of the newest raw sample in the minute (the one at last_ts)',
  last_ts   INT UNSIGNED NOT NULL COMMENT 'Time of the newest raw sample in the minute, epoch seconds',
  PRIMARY KEY (series_id, ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='1-minute rollup of FL_DOF_SAMPLE (min/max/sum/cnt/last), daily RANGE partitions (retention = DROP PARTITION)'
PARTITION BY RANGE (ts) (PARTITION pmax VALUES LESS THAN MAXVALUE)
;;

CREATE TABLE IF NOT EXISTS FL_DOF_SAMPLE_1H (
  series_id INT UNSIGNED NOT NULL COMMENT 'FL_DOF_SERIES.series_id',
  ts        INT UNSIGNED NOT NULL COMMENT 'Start of the hour, seconds since 1970-01-01 UTC (a multiple of 3600; FROM_UNIXTIME(ts) to read)',
  min       DOUBLE       NOT NULL COMMENT 'Smallest raw value in the hour (unit: FL_DOF_METRIC.unit)',
  max       DOUBLE       NOT NULL COMMENT 'Largest raw value in the hour',
  sum       DOUBLE       NOT NULL COMMENT 'Sum of the raw values in the hour (average = sum / cnt)',
  cnt       INT UNSIGNED NOT NULL COMMENT 'Number of raw samples in the hour',
  last      DOUBLE       NOT NULL COMMENT 'Value of the newest raw sample in the hour (the one at last_ts)',
  last_ts   INT UNSIGNED NOT NULL COMMENT 'Time of the newest raw sample in the hour, epoch seconds',
  PRIMARY KEY (series_id, ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='1-hour rollup of FL_DOF_SAMPLE (min/max/sum/cnt/last), monthly RANGE partitions (retention = DROP PARTITION)'
PARTITION BY RANGE (ts) (PARTITION pmax VALUES LESS THAN MAXVALUE)
;;
