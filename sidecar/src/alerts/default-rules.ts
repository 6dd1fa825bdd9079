/**
 * Built-in rules: the proposal's suggested alerts (metric table) and ZooKeeper's. Each is editable
 * (threshold, for-duration, severity, enabled) once rules are stored; these are the defaults.
 * `target.up` is the collector's own view of a target (1 collected, 0 not), fed to the evaluator.
 * Names say what is wrong, never the threshold: thresholds are edited, names are not
 * (describeCondition in ./rule gives the condition as it is now).
 */
import type { AlertRule } from './rule';

const MIN = 60_000;

const rule = (r: Omit<AlertRule, 'enabled'> & { enabled?: boolean }): AlertRule => ({ enabled: true, ...r });

export const DEFAULT_RULES: readonly AlertRule[] = [
  rule({ id: 'target-down', name: { en: 'Target not collected (process or agent down)', ko: '수집 불가 (프로세스 또는 에이전트 중단)' }, metric: 'target.up', scope: 'series', op: '==', threshold: 0, forMs: 0, severity: 'critical' }),
  rule({ id: 'under-replicated', name: { en: 'Under-replicated partitions', ko: '복제 부족 파티션' }, metric: 'kafka.broker.under_replicated_partitions', scope: 'series', op: '>', threshold: 0, forMs: 0, severity: 'critical' }),
  rule({ id: 'offline-partitions', name: { en: 'Offline partitions', ko: '오프라인 파티션' }, metric: 'kafka.controller.offline_partitions', scope: 'cluster', agg: 'sum', op: '>', threshold: 0, forMs: 0, severity: 'critical' }),
  rule({ id: 'active-controller', name: { en: 'Active controllers ≠ 1', ko: '활성 컨트롤러 수 ≠ 1' }, metric: 'kafka.controller.active_controller_count', scope: 'cluster', agg: 'sum', op: '!=', threshold: 1, forMs: 30_000, severity: 'critical' }),
  rule({ id: 'unclean-election', name: { en: 'Unclean leader election (data loss)', ko: '언클린 리더 선출 (데이터 손실)' }, metric: 'kafka.controller.unclean_leader_elections', scope: 'cluster', agg: 'sum', op: '>', threshold: 0, forMs: 0, severity: 'critical' }),
  rule({ id: 'isr-shrink', name: { en: 'ISR shrinking', ko: 'ISR 축소' }, metric: 'kafka.broker.isr_shrinks', scope: 'series', op: '>', threshold: 0, forMs: 5 * MIN, severity: 'warning' }),
  rule({ id: 'network-idle', name: { en: 'Network threads busy (little idle time)', ko: '네트워크 스레드 과부하 (유휴 시간 부족)' }, metric: 'kafka.broker.network_processor_idle', scope: 'series', op: '<', threshold: 0.3, forMs: 5 * MIN, severity: 'warning' }),
  rule({ id: 'handler-idle', name: { en: 'Request handlers busy (little idle time)', ko: '요청 핸들러 과부하 (유휴 시간 부족)' }, metric: 'kafka.broker.request_handler_idle', scope: 'series', op: '<', threshold: 0.3, forMs: 5 * MIN, severity: 'warning' }),
  rule({ id: 'swap', name: { en: 'Broker host swapping', ko: '브로커 호스트 스왑 사용' }, metric: 'jvm.os.swap_used', kind: 'kafka-broker', scope: 'series', op: '>', threshold: 0, forMs: 10 * MIN, severity: 'warning' }),
  rule({ id: 'consumer-lag', name: { en: 'Consumer group lagging', ko: '컨슈머 그룹 지연' }, metric: 'kafka.consumer_group.total_lag', scope: 'series', op: '>', threshold: 50, forMs: 2 * MIN, severity: 'warning' }),
  rule({ id: 'consumer-stalled', name: { en: 'Consumer stalled (not fetching)', ko: '컨슈머 멈춤 (fetch 없음)' }, metric: 'kafka.consumer.fetch_rate', scope: 'series', op: '<', threshold: 0.01, forMs: 2 * MIN, severity: 'warning' }),
  rule({ id: 'zk-down', name: { en: 'ZooKeeper server not answering', ko: 'ZooKeeper 서버 응답 없음' }, metric: 'zookeeper.up', scope: 'series', op: '==', threshold: 0, forMs: 0, severity: 'critical' }),
  rule({ id: 'zk-leaders', name: { en: 'ZooKeeper leaders ≠ 1', ko: 'ZooKeeper 리더 수 ≠ 1' }, metric: 'zookeeper.is_leader', scope: 'cluster', agg: 'sum', op: '!=', threshold: 1, forMs: 30_000, severity: 'critical' }),
  rule({ id: 'zk-quorum', name: { en: 'ZooKeeper quorum lost (synced followers + 1 below majority)', ko: 'ZooKeeper 쿼럼 상실 (동기화 follower + 1 < 과반)' }, metric: 'zookeeper.synced_followers', scope: 'cluster', op: 'quorum-lost', threshold: 0, forMs: 0, severity: 'critical' }),
  rule({ id: 'zk-latency', name: { en: 'ZooKeeper average latency high', ko: 'ZooKeeper 평균 지연 높음' }, metric: 'zookeeper.avg_latency', scope: 'series', op: '>', threshold: 100, forMs: 5 * MIN, severity: 'warning' }),
  rule({ id: 'zk-outstanding', name: { en: 'ZooKeeper requests queuing', ko: 'ZooKeeper 요청 대기' }, metric: 'zookeeper.outstanding_requests', scope: 'series', op: '>', threshold: 10, forMs: 5 * MIN, severity: 'warning' }),
  rule({ id: 'zk-pending-syncs', name: { en: 'ZooKeeper followers waiting to sync', ko: 'ZooKeeper follower 동기화 대기' }, metric: 'zookeeper.pending_syncs', scope: 'series', op: '>', threshold: 0, forMs: 5 * MIN, severity: 'warning' }),
];
