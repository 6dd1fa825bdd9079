-- Doflamingo schema, version 1. Applied by `doflamingo migrate` (sidecar/src/store/schema-migrator.ts),
-- statement by statement (separated by lines holding only ";;"). Every table is prefixed FL_DOF_ so it can
-- live in Flamingo's own database next to its FL_* tables without colliding.
-- Works on MySQL 5.7 / 8.0 and MariaDB 10.x (InnoDB, utf8mb4).

CREATE TABLE IF NOT EXISTS FL_DOF_CLUSTER (
  cluster_id  VARCHAR(64)  NOT NULL COMMENT 'Flamingo ENGINE id the Kafka/ZooKeeper cluster belongs to',
  name        VARCHAR(100) NOT NULL COMMENT 'Display name from the sidecar config',
  updated_at  TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT 'Last time the sidecar registered the cluster',
  PRIMARY KEY (cluster_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Monitored clusters (one per Flamingo engine)'
;;

CREATE TABLE IF NOT EXISTS FL_DOF_TARGET (
  target_id      INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key used by FL_DOF_SERIES',
  cluster_id     VARCHAR(64)  NOT NULL COMMENT 'FL_DOF_CLUSTER.cluster_id',
  target_key     VARCHAR(64)  NOT NULL COMMENT 'Name inside the cluster: broker-1, zk-2, consumer-app, or "cluster" for cluster-wide values such as consumer lag',
  kind           VARCHAR(16)  NOT NULL COMMENT 'kafka-broker, zookeeper, kafka-client or kafka-cluster',
  origin         VARCHAR(16)  NOT NULL COMMENT 'config (named in the sidecar config) or discovered (from ZooKeeper /brokers/ids)',
  jolokia_url    VARCHAR(255) NULL     COMMENT 'Jolokia agent URL, when the target has one',
  admin_url      VARCHAR(255) NULL     COMMENT 'ZooKeeper AdminServer URL (zookeeper only)',
  client_address VARCHAR(255) NULL     COMMENT 'ZooKeeper client host:port (zookeeper only)',
  first_seen     TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'When the sidecar first registered the target',
  last_seen      TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'When the sidecar last registered the target',
  PRIMARY KEY (target_id),
  UNIQUE KEY UK_FL_DOF_TARGET (cluster_id, target_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Everything Doflamingo collects from: brokers, ZooKeeper servers, client JVMs, the cluster itself'
;;

CREATE TABLE IF NOT EXISTS FL_DOF_METRIC (
  metric_id      SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key used by FL_DOF_SERIES',
  metric_key     VARCHAR(128) NOT NULL COMMENT 'Catalogue id, e.g. kafka.broker.bytes_in (see `doflamingo catalog`)',
  unit           VARCHAR(32)  NOT NULL COMMENT 'Unit of the stored value; counters are stored as per-second rates (bytes/s, msgs/s)',
  type           VARCHAR(8)   NOT NULL COMMENT 'gauge (stored as read) or counter (stored as its per-second rate)',
  applies_to     VARCHAR(16)  NOT NULL COMMENT 'Target kind the metric is read from',
  origin         VARCHAR(8)   NOT NULL COMMENT 'builtin, or config (added by the operator in catalog.extra)',
  description_en VARCHAR(500) NOT NULL COMMENT 'What the metric answers, in English',
  description_ko VARCHAR(500) NOT NULL COMMENT 'What the metric answers, in Korean',
  PRIMARY KEY (metric_id),
  UNIQUE KEY UK_FL_DOF_METRIC (metric_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='The metric catalogue as stored (one row per catalogue id)'
;;

CREATE TABLE IF NOT EXISTS FL_DOF_SERIES (
  series_id   INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Key of a time series; FL_DOF_SAMPLE rows point here',
  target_id   INT UNSIGNED NOT NULL COMMENT 'FL_DOF_TARGET.target_id',
  metric_id   SMALLINT UNSIGNED NOT NULL COMMENT 'FL_DOF_METRIC.metric_id',
  labels_json VARCHAR(1000) NOT NULL COMMENT 'Labels as canonical JSON (keys sorted), e.g. {"partition":"0","topic":"orders"}; {} for none',
  labels_hash CHAR(40) NOT NULL COMMENT 'SHA-1 (hex) of labels_json, for the unique key',
  created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'When the series first received a sample',
  PRIMARY KEY (series_id),
  UNIQUE KEY UK_FL_DOF_SERIES (target_id, metric_id, labels_hash),
  KEY IX_FL_DOF_SERIES_METRIC (metric_id, target_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='One row per (target, metric, labels): what a series measures'
;;

CREATE TABLE IF NOT EXISTS FL_DOF_SAMPLE (
  series_id INT UNSIGNED NOT NULL COMMENT 'FL_DOF_SERIES.series_id',
  ts        INT UNSIGNED NOT NULL COMMENT 'Collection time, seconds since 1970-01-01 UTC (FROM_UNIXTIME(ts) to read)',
  value     DOUBLE       NOT NULL COMMENT 'The value, in FL_DOF_METRIC.unit (counters already converted to per-second rates)',
  PRIMARY KEY (series_id, ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Raw samples: compact rows, one daily RANGE partition per day (retention = DROP PARTITION)'
PARTITION BY RANGE (ts) (PARTITION pmax VALUES LESS THAN MAXVALUE)
;;

CREATE TABLE IF NOT EXISTS FL_DOF_COLLECTOR_STATUS (
  job                  VARCHAR(32)  NOT NULL COMMENT 'Collection job: jmx, zookeeper, lag, discovery',
  cluster_id           VARCHAR(64)  NOT NULL COMMENT 'FL_DOF_CLUSTER.cluster_id',
  target_key           VARCHAR(64)  NOT NULL COMMENT 'Target of the row; empty string for the row describing the job itself',
  state                VARCHAR(16)  NOT NULL COMMENT 'Targets: up, down, unknown. Job rows: ok, failing',
  last_run_at          BIGINT       NULL     COMMENT 'Start of the last run, ms since epoch',
  last_ok_at           BIGINT       NULL     COMMENT 'Start of the last successful run, ms since epoch',
  last_duration_ms     INT          NULL     COMMENT 'Duration of the last run in ms',
  last_error           VARCHAR(1000) NULL    COMMENT 'Error of the last run, NULL when it succeeded',
  consecutive_failures INT          NOT NULL DEFAULT 0 COMMENT 'Failed runs in a row',
  runs                 BIGINT       NOT NULL DEFAULT 0 COMMENT 'Runs since the sidecar started',
  failures             BIGINT       NOT NULL DEFAULT 0 COMMENT 'Failed runs since the sidecar started',
  skipped_ticks        BIGINT       NULL     COMMENT 'Job rows: ticks skipped because the previous run was still going',
  misfires             BIGINT       NULL     COMMENT 'Job rows: ticks the scheduler could not fire on time',
  updated_at           TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT 'Last write of this row',
  PRIMARY KEY (job, cluster_id, target_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Last collection of every job and target (what `doflamingo status` shows)'
;;
