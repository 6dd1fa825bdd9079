-- Doflamingo: Kafka and ZooKeeper monitoring for Flamingo 2 — undo of install-menu.sql.
-- Licence: GPL-3.0 (same as Flamingo 2).
--
-- Removes exactly the rows install-menu.sql adds: the FL_ADMIN_MENU_AUTH rows of MN001901 / MN001902
-- and those two FL_COMM_MENU rows — only while they still open our panels (MENU_NS), so an id that
-- someone re-used for something else is left alone. Safe to run more than once; portable like
-- install-menu.sql (MySQL 5.7, 8.0, MariaDB).
--
--   mysql --default-character-set=utf8 flamingo2 < uninstall-menu.sql

START TRANSACTION;

-- Auth rows of our ids, unless the menu row with that id now opens something else.
DELETE FROM FL_ADMIN_MENU_AUTH
 WHERE MENU_ID IN ('MN001901', 'MN001902')
   AND NOT EXISTS (SELECT 1 FROM FL_COMM_MENU c
                    WHERE c.MENU_ID = FL_ADMIN_MENU_AUTH.MENU_ID
                      AND NOT ((c.MENU_ID = 'MN001901' AND c.MENU_NS = 'monitoring.kafka.Kafka')
                            OR (c.MENU_ID = 'MN001902' AND c.MENU_NS = 'monitoring.zookeeper.ZooKeeper')));

DELETE FROM FL_COMM_MENU
 WHERE (MENU_ID = 'MN001901' AND MENU_NS = 'monitoring.kafka.Kafka')
    OR (MENU_ID = 'MN001902' AND MENU_NS = 'monitoring.zookeeper.ZooKeeper');

COMMIT;
