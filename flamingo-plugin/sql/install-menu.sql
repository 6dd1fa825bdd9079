-- Doflamingo: Kafka and ZooKeeper monitoring for Flamingo 2 — menu registration.
-- Licence: GPL-3.0 (same as Flamingo 2).
--
-- Adds two children of the Monitoring menu (MN001) to FL_COMM_MENU and their FL_ADMIN_MENU_AUTH rows.
-- Clicking them makes Flamingo run Ext.create('Flamingo2.view.' + MENU_NS):
--   MN001901  Kafka      MENU_NS 'monitoring.kafka.Kafka'          -> resources/app/view/monitoring/kafka/Kafka.js
--   MN001902  ZooKeeper  MENU_NS 'monitoring.zookeeper.ZooKeeper'  -> resources/app/view/monitoring/zookeeper/ZooKeeper.js
--
-- Idempotent: every INSERT only adds what is missing, so running this file any number of times leaves
-- exactly one FL_COMM_MENU row per item and one FL_ADMIN_MENU_AUTH row per (user level, item), and
-- never changes a row that already exists (an administrator's later edits — order, USE_YN, names —
-- survive a re-run). Undo: uninstall-menu.sql.
-- Portable: plain INSERT ... SELECT with anti-joins (LEFT JOIN ... IS NULL), the target table only in
-- the FROM clause of the SELECT as MySQL documents it (never in a WHERE subquery), no ON DUPLICATE KEY
-- UPDATE / VALUES() / row aliases: runs unchanged on MySQL 5.7, MySQL 8.0 and MariaDB 10.x, under
-- their default sql_mode (ONLY_FULL_GROUP_BY, STRICT_TRANS_TABLES, NO_ZERO_DATE ...).
--
-- Run it against Flamingo's database (usually `flamingo2`) in one session, e.g.
--   mysql --default-character-set=utf8 flamingo2 < install-menu.sql
-- (`doflamingo install-flamingo` runs the same statements, one by one, on one connection.)
--
-- Menu ids: they follow Flamingo's child pattern (parent id + three digits, VARCHAR(20)) but sit in a
-- 9xx block on purpose: Flamingo 2's own seed (flamingo2-web/src/main/resources/import.sql) uses
-- MN001001..MN001007 and sites add further children with the next free number from the Menu
-- Management screen, which never reaches 9xx.
--
-- Guards: nothing is inserted when the Monitoring folder MN001 (PRNTS_MENU_ID = 'TOP') is missing,
-- when one of our ids already holds another row, or when a row with our MENU_NS already exists under
-- another id (e.g. the panels were merged into Flamingo by hand). The installer reports these cases
-- before running anything.

START TRANSACTION;

-- Place both items after the children Monitoring already has (our own rows excluded, so a re-run
-- computes the same positions).
SET @doflamingo_sort_base = (
  SELECT COALESCE(MAX(SORT_ORDR), 0)
    FROM FL_COMM_MENU
   WHERE PRNTS_MENU_ID = 'MN001'
     AND MENU_ID NOT IN ('MN001901', 'MN001902')
);

-- MENU_NM is Flamingo's default (Korean) name, as in its seed; then the four localized columns.
INSERT INTO FL_COMM_MENU
  (MENU_ID, MENU_NM, MENU_NS, PRNTS_MENU_ID, SORT_ORDR, USE_YN, ICON_CSS_NM,
   MENU_NM_ko_KR, MENU_NM_en_US, MENU_NM_ja_JP, MENU_NM_zh_CN)
SELECT 'MN001901', '카프카', 'monitoring.kafka.Kafka', 'MN001', @doflamingo_sort_base + 1, 'Y', '',
       '카프카', 'Kafka', 'Kafka', 'Kafka'
  FROM FL_COMM_MENU parent
  LEFT JOIN FL_COMM_MENU taken
         ON taken.MENU_ID = 'MN001901' OR taken.MENU_NS = 'monitoring.kafka.Kafka'
 WHERE parent.MENU_ID = 'MN001' AND parent.PRNTS_MENU_ID = 'TOP'
   AND taken.MENU_ID IS NULL;

INSERT INTO FL_COMM_MENU
  (MENU_ID, MENU_NM, MENU_NS, PRNTS_MENU_ID, SORT_ORDR, USE_YN, ICON_CSS_NM,
   MENU_NM_ko_KR, MENU_NM_en_US, MENU_NM_ja_JP, MENU_NM_zh_CN)
SELECT 'MN001902', '주키퍼', 'monitoring.zookeeper.ZooKeeper', 'MN001', @doflamingo_sort_base + 2, 'Y', '',
       '주키퍼', 'ZooKeeper', 'ZooKeeper', 'ZooKeeper'
  FROM FL_COMM_MENU parent
  LEFT JOIN FL_COMM_MENU taken
         ON taken.MENU_ID = 'MN001902' OR taken.MENU_NS = 'monitoring.zookeeper.ZooKeeper'
 WHERE parent.MENU_ID = 'MN001' AND parent.PRNTS_MENU_ID = 'TOP'
   AND taken.MENU_ID IS NULL;

-- FL_ADMIN_MENU_AUTH (no key at all in Flamingo 2): one row per (user level, item), added only when
-- missing. User levels: the ones the Monitoring folder (MN001) is granted to when it has rows;
-- otherwise Flamingo 2's seeded levels '1'..'5' (FL_USER_LEVEL, stored as text in USERLEVEL).
-- REG_USER_ID / UPD_USER_ID 1 = Flamingo's seeded `admin` user.
SET @doflamingo_monitoring_levels = (
  SELECT COUNT(*) FROM FL_ADMIN_MENU_AUTH WHERE MENU_ID = 'MN001' AND USERLEVEL IS NOT NULL
);

INSERT INTO FL_ADMIN_MENU_AUTH (USERLEVEL, MENU_ID, REG_DT, REG_USER_ID, UPD_DT, UPD_USER_ID)
SELECT lv.USERLEVEL, m.MENU_ID, CURRENT_TIMESTAMP, 1, CURRENT_TIMESTAMP, 1
  FROM (
        SELECT DISTINCT a.USERLEVEL
          FROM FL_ADMIN_MENU_AUTH a
         WHERE a.MENU_ID = 'MN001' AND a.USERLEVEL IS NOT NULL
        UNION
        SELECT d.USERLEVEL
          FROM (SELECT '1' AS USERLEVEL UNION ALL SELECT '2' UNION ALL SELECT '3'
                UNION ALL SELECT '4' UNION ALL SELECT '5') d
         WHERE @doflamingo_monitoring_levels = 0
       ) lv
 CROSS JOIN (SELECT c.MENU_ID
               FROM FL_COMM_MENU c
              WHERE (c.MENU_ID = 'MN001901' AND c.MENU_NS = 'monitoring.kafka.Kafka')
                 OR (c.MENU_ID = 'MN001902' AND c.MENU_NS = 'monitoring.zookeeper.ZooKeeper')) m
  LEFT JOIN FL_ADMIN_MENU_AUTH have
         ON have.USERLEVEL = lv.USERLEVEL AND have.MENU_ID = m.MENU_ID
 WHERE have.MENU_ID IS NULL
 ORDER BY m.MENU_ID, lv.USERLEVEL;

COMMIT;
