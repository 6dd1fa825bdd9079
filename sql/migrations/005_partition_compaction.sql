-- Doflamingo schema, version 5: which closed days of FL_DOF_SAMPLE were compacted.
-- A day written live fills its pages ~85 % (rows arrive by time, the key is series then time);
-- once the day is over the sidecar copies it in key order into a staging table
-- (FL_DOF_SAMPLE_COMPACTING, dropped afterwards) and swaps it in with EXCHANGE PARTITION
-- (sidecar/src/store/partition-compaction.ts). One row per compacted day, so each is done once.

CREATE TABLE IF NOT EXISTS FL_DOF_PARTITION_COMPACTION (
  table_name     VARCHAR(64)  NOT NULL COMMENT 'Compacted table (FL_DOF_SAMPLE)',
  partition_name VARCHAR(16)  NOT NULL COMMENT 'Daily partition, pYYYYMMDD (UTC day)',
  row_count      BIGINT       NOT NULL COMMENT 'Rows in the partition after compaction',
  bytes_before   BIGINT       NOT NULL COMMENT 'DATA_LENGTH + INDEX_LENGTH of the partition before',
  bytes_after    BIGINT       NOT NULL COMMENT 'DATA_LENGTH + INDEX_LENGTH of the partition after',
  took_ms        INT          NOT NULL COMMENT 'Wall time of the copy and swap, ms',
  compacted_at   TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'When it was compacted',
  PRIMARY KEY (table_name, partition_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Closed days of FL_DOF_SAMPLE rewritten with full pages (one row per day, written by the sidecar)'
;;
