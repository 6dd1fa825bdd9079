-- Doflamingo schema, version 2: alert state (so a restart keeps pending timers and firing alerts)
-- and the event timeline (alerts fired/resolved, targets down/up, brokers joining/leaving).
-- FL_DOF_ALERT_STATE says ROW_FORMAT=DYNAMIC: its key column `subject` (300 utf8mb4 characters,
-- 1200 bytes) exceeds the 767 bytes an index column may have in the older COMPACT format, which a
-- MySQL 5.7 configured with innodb_default_row_format=compact would otherwise use.

CREATE TABLE IF NOT EXISTS FL_DOF_ALERT_STATE (
  cluster_id   VARCHAR(64)  NOT NULL COMMENT 'FL_DOF_CLUSTER.cluster_id',
  rule_id      VARCHAR(64)  NOT NULL COMMENT 'Alert rule id (built-in rules: sidecar/src/alerts/default-rules.ts)',
  subject      VARCHAR(300) NOT NULL COMMENT 'What the alert is about: target key, target{labels}, or empty for the whole cluster',
  status       VARCHAR(16)  NOT NULL COMMENT 'pending (condition true, waiting for its for-duration) or firing',
  active_since BIGINT       NOT NULL COMMENT 'When the condition became true, ms since epoch',
  fired_at     BIGINT       NULL     COMMENT 'When the alert fired, ms since epoch',
  value        DOUBLE       NULL     COMMENT 'Value seen at the last evaluation',
  updated_at   TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT 'Last evaluation that changed the row',
  PRIMARY KEY (cluster_id, rule_id, subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC COMMENT='Alerts that are pending or firing now (inactive alerts have no row)'
;;

CREATE TABLE IF NOT EXISTS FL_DOF_EVENT (
  event_id   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'Event number',
  cluster_id VARCHAR(64)  NOT NULL COMMENT 'FL_DOF_CLUSTER.cluster_id',
  ts         BIGINT       NOT NULL COMMENT 'When it happened, ms since epoch',
  kind       VARCHAR(32)  NOT NULL COMMENT 'alert-fired, alert-resolved, target-down, target-up, target-joined, target-left',
  severity   VARCHAR(16)  NOT NULL COMMENT 'info, warning or critical',
  subject    VARCHAR(300) NOT NULL COMMENT 'Target key, target{labels}, or empty for the whole cluster',
  rule_id    VARCHAR(64)  NULL     COMMENT 'Alert rule, for alert events',
  value      DOUBLE       NULL     COMMENT 'Value that triggered the event, when there is one',
  message    VARCHAR(1000) NOT NULL COMMENT 'Human-readable description (English)',
  PRIMARY KEY (event_id),
  KEY IX_FL_DOF_EVENT_TIME (cluster_id, ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Event timeline: what happened, when, to what'
;;
