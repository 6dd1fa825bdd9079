-- Doflamingo schema, version 4: alert rules as edited by operators (Configuration panel / admin API).
-- Built-in rules live in the sidecar (sidecar/src/alerts/default-rules.ts); a row here either
-- overrides some of a built-in rule's settings (origin = builtin) or defines a whole rule an
-- operator added, e.g. a per-target rule (origin = custom). No row = the built-in default.

CREATE TABLE IF NOT EXISTS FL_DOF_ALERT_RULE (
  cluster_id   VARCHAR(64)   NOT NULL COMMENT 'FL_DOF_CLUSTER.cluster_id the rule applies to',
  rule_id      VARCHAR(64)   NOT NULL COMMENT 'Built-in rule id, or the generated id of a custom rule (custom-...)',
  origin       VARCHAR(16)   NOT NULL COMMENT 'builtin (settings override a built-in rule) or custom (a rule an operator added)',
  rule_json    VARCHAR(4000) NOT NULL COMMENT 'builtin: the overridden settings {threshold, forMs, severity, enabled}; custom: the whole rule (JSON)',
  updated_at   TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT 'When an operator last changed the rule',
  PRIMARY KEY (cluster_id, rule_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Operator changes to alert rules, per cluster (built-in defaults are not stored)'
;;
