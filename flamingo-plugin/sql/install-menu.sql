-- Doflamingo: Kafka and ZooKeeper monitoring for Flamingo 2 — menu registration.
-- Licence: GPL-3.0 (same as Flamingo 2).
--
-- Adds two children of the Monitoring menu (MN001) to FL_COMM_MENU and their FL_ADMIN_MENU_AUTH rows.
-- Idempotent: running it any number of times leaves exactly one FL_COMM_MENU row per menu item and
-- exactly one FL_ADMIN_MENU_AUTH row per (user level, menu item). Undo: uninstall-menu.sql.
--
-- Run against the Flamingo database (usually `flamingo2`) in one session, e.g.
--   mysql --default-character-set=utf8 flamingo2 < install-menu.sql
-- (`doflamingo install-flamingo` runs the same statements in one transaction.)
--
-- Menu ids: MN001901 (Kafka) and MN001902 (ZooKeeper). They follow Flamingo's child pattern
-- (parent id + three digits, VARCHAR(20)) but sit in a 9xx block on purpose: Flamingo 2's own seed
-- (flamingo2-web/src/main/resources/import.sql) already uses MN001001..MN001007 (MN001007 = Apache
-- Spark), and sites add further children with the next free number from the Menu Management screen.
-- Nothing in Flamingo allocates from the 9xx block, so these ids do not collide and stay recognisably ours.
--
-- Requires the standard Monitoring folder: a top-level row MN001 (PRNTS_MENU_ID = 'TOP').
-- If it is missing, nothing is inserted (the installer checks and reports it). A row that already
-- holds one of our ids but opens another view (MENU_NS) is never overwritten.

START TRANSACTION;

-- Place both items after the children Monitoring already has (our own rows excluded, so a re-run
-- computes the same positions).
SET @doflamingo_sort_base = (
  SELECT COALESCE(MAX(SORT_ORDR), 0)
    FROM FL_COMM_MENU
   WHERE PRNTS_MENU_ID = 'MN001'
     AND MENU_ID NOT IN ('MN001901', 'MN001902')
);

-- MENU_NM is Flamingo's default (Korean) name, as in its seed; the four localized columns follow.
-- ja_JP / zh_CN: Flamingo's seed keeps product names in Latin letters in those columns (e.g. 'Namenode').
INSERT INTO FL_COMM_MENU
  (MENU_ID, MENU_NM, MENU_NS, PRNTS_MENU_ID, SORT_ORDR, USE_YN, ICON_CSS_NM,
   MENU_NM_ko_KR, MENU_NM_en_US, MENU_NM_ja_JP, MENU_NM_zh_CN)
SELECT 'MN001901', '카프카', 'monitoring.kafka.Kafka', 'MN001', @doflamingo_sort_base + 1, 'Y', '',
       '카프카', 'Kafka', 'Kafka', 'Kafka'
  FROM FL_COMM_MENU parent
 WHERE parent.MENU_ID = 'MN001' AND parent.PRNTS_MENU_ID = 'TOP'
   AND NOT EXISTS (SELECT 1 FROM FL_COMM_MENU other
                    WHERE other.MENU_ID = 'MN001901' AND other.MENU_NS <> 'monitoring.kafka.Kafka')
ON DUPLICATE KEY UPDATE
  MENU_NM = VALUES(MENU_NM), MENU_NS = VALUES(MENU_NS), PRNTS_MENU_ID = VALUES(PRNTS_MENU_ID),
  SORT_ORDR = VALUES(SORT_ORDR), USE_YN = VALUES(USE_YN), ICON_CSS_NM = VALUES(ICON_CSS_NM),
  MENU_NM_ko_KR = VALUES(MENU_NM_ko_KR), MENU_NM_en_US = VALUES(MENU_NM_en_US),
  MENU_NM_ja_JP = VALUES(MENU_NM_ja_JP), MENU_NM_zh_CN = VALUES(MENU_NM_zh_CN);

INSERT INTO FL_COMM_MENU
  (MENU_ID, MENU_NM, MENU_NS, PRNTS_MENU_ID, SORT_ORDR, USE_YN, ICON_CSS_NM,
   MENU_NM_ko_KR, MENU_NM_en_US, MENU_NM_ja_JP, MENU_NM_zh_CN)
SELECT 'MN001902', '주키퍼', 'monitoring.zookeeper.ZooKeeper', 'MN001', @doflamingo_sort_base + 2, 'Y', '',
       '주키퍼', 'ZooKeeper', 'ZooKeeper', 'ZooKeeper'
  FROM FL_COMM_MENU parent
 WHERE parent.MENU_ID = 'MN001' AND parent.PRNTS_MENU_ID = 'TOP'
   AND NOT EXISTS (SELECT 1 FROM FL_COMM_MENU other
                    WHERE other.MENU_ID = 'MN001902' AND other.MENU_NS <> 'monitoring.zookeeper.ZooKeeper')
ON DUPLICATE KEY UPDATE
  MENU_NM = VALUES(MENU_NM), MENU_NS = VALUES(MENU_NS), PRNTS_MENU_ID = VALUES(PRNTS_MENU_ID),
  SORT_ORDR = VALUES(SORT_ORDR), USE_YN = VALUES(USE_YN), ICON_CSS_NM = VALUES(ICON_CSS_NM),
  MENU_NM_ko_KR = VALUES(MENU_NM_ko_KR), MENU_NM_en_US = VALUES(MENU_NM_en_US),
  MENU_NM_ja_JP = VALUES(MENU_NM_ja_JP), MENU_NM_zh_CN = VALUES(MENU_NM_zh_CN);

-- FL_ADMIN_MENU_AUTH has no key at all, so re-runs delete our rows and insert them again.
-- User levels: the ones the Monitoring folder (MN001) is granted to, when it has any rows;
-- otherwise every level Flamingo 2 seeds in FL_USER_LEVEL ('1'..'5', stored as text in USERLEVEL).
-- REG_USER_ID / UPD_USER_ID 1 = Flamingo's seeded `admin` user.
DELETE FROM FL_ADMIN_MENU_AUTH
 WHERE MENU_ID IN ('MN001901', 'MN001902')
   AND NOT EXISTS (SELECT 1 FROM FL_COMM_MENU c
                    WHERE c.MENU_ID = FL_ADMIN_MENU_AUTH.MENU_ID
                      AND NOT ((c.MENU_ID = 'MN001901' AND c.MENU_NS = 'monitoring.kafka.Kafka')
                            OR (c.MENU_ID = 'MN001902' AND c.MENU_NS = 'monitoring.zookeeper.ZooKeeper')));

INSERT INTO FL_ADMIN_MENU_AUTH (USERLEVEL, MENU_ID, REG_DT, REG_USER_ID, UPD_DT, UPD_USER_ID)
SELECT lv.USERLEVEL, m.MENU_ID, CURRENT_TIMESTAMP, 1, CURRENT_TIMESTAMP, 1
  FROM (
        SELECT DISTINCT USERLEVEL
          FROM FL_ADMIN_MENU_AUTH
         WHERE MENU_ID = 'MN001' AND USERLEVEL IS NOT NULL
        UNION
        SELECT d.USERLEVEL
          FROM (SELECT '1' AS USERLEVEL UNION ALL SELECT '2' UNION ALL SELECT '3'
                UNION ALL SELECT '4' UNION ALL SELECT '5') d
         WHERE NOT EXISTS (SELECT 1 FROM FL_ADMIN_MENU_AUTH a
                            WHERE a.MENU_ID = 'MN001' AND a.USERLEVEL IS NOT NULL)
       ) lv
 CROSS JOIN (SELECT MENU_ID FROM FL_COMM_MENU
              WHERE (MENU_ID = 'MN001901' AND MENU_NS = 'monitoring.kafka.Kafka')
                 OR (MENU_ID = 'MN001902' AND MENU_NS = 'monitoring.zookeeper.ZooKeeper')) m
 ORDER BY m.MENU_ID, lv.USERLEVEL;

COMMIT;
