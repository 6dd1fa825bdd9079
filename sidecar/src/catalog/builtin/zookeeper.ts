/**
 * ZooKeeper 3.6+ metrics: the server's own `monitor` (AdminServer) / `mntr` keys, a few derived
 * ones (`up`, `is_leader`, `server_state_code`), and JVM/server values through Jolokia.
 * `leaderOnly` keys are reported by the leader alone.
 */
import type { CatalogEntry } from '../../model';
import { jmx, zk } from './define';

/**
 * The replicated server's own bean: `name0=ReplicatedServer_id<N>,name1=replica.<N>,name2=Leader|Follower|Observer`.
 * 3.8's monitor output has no data_dir_size/log_dir_size, so those come from JMX. No label keys: name2
 * changes with the role and would start a new series at every election. A standalone server
 * (`name0=StandaloneServer_port<P>`, no name1/name2) does not match this pattern.
 */
const SERVER_BEAN = 'org.apache.ZooKeeperService:name0=*,name1=*,name2=*';

export const ZOOKEEPER_ENTRIES: CatalogEntry[] = [
  // Derived by the collector from the monitor answer (not mntr keys).
  zk('zookeeper.up', 'up', 'gauge', 'bool', ['1 when the server answered its monitor command, 0 when it did not', '서버가 모니터 명령에 응답하면 1, 아니면 0']),
  zk('zookeeper.is_leader', 'is_leader', 'gauge', 'bool', ['1 on the ensemble leader', '앙상블 리더이면 1']),
  zk('zookeeper.server_state', 'server_state_code', 'gauge', 'code', ['Role: 0 standalone, 1 observer, 2 follower, 3 leader', '역할: 0 standalone, 1 observer, 2 follower, 3 leader']),
  zk('zookeeper.avg_latency', 'avg_latency', 'gauge', 'ms', ['Average request latency', '평균 요청 지연']),
  zk('zookeeper.max_latency', 'max_latency', 'gauge', 'ms', ['Maximum request latency', '최대 요청 지연']),
  zk('zookeeper.min_latency', 'min_latency', 'gauge', 'ms', ['Minimum request latency', '최소 요청 지연']),
  zk('zookeeper.outstanding_requests', 'outstanding_requests', 'gauge', 'count', ['Requests queued, not yet processed', '처리 대기 중인 요청 수']),
  zk('zookeeper.num_alive_connections', 'num_alive_connections', 'gauge', 'count', ['Client connections', '클라이언트 연결 수']),
  zk('zookeeper.znode_count', 'znode_count', 'gauge', 'count', ['Znodes in the data tree', '데이터 트리의 znode 수']),
  zk('zookeeper.watch_count', 'watch_count', 'gauge', 'count', ['Watches set by clients', '클라이언트가 설정한 watch 수']),
  zk('zookeeper.ephemerals_count', 'ephemerals_count', 'gauge', 'count', ['Ephemeral znodes', '임시 znode 수']),
  zk('zookeeper.approximate_data_size', 'approximate_data_size', 'gauge', 'bytes', ['Approximate size of the data tree', '데이터 트리 대략 크기']),
  zk('zookeeper.open_file_descriptor_count', 'open_file_descriptor_count', 'gauge', 'count', ['Open file descriptors', '열린 파일 디스크립터 수']),
  zk('zookeeper.max_file_descriptor_count', 'max_file_descriptor_count', 'gauge', 'count', ['File descriptor limit', '파일 디스크립터 한도']),
  // Cumulative since start (or `srst`): counters.
  zk('zookeeper.packets_received', 'packets_received', 'counter', 'packets/s', ['Packets received', '받은 패킷']),
  zk('zookeeper.packets_sent', 'packets_sent', 'counter', 'packets/s', ['Packets sent', '보낸 패킷']),
  zk('zookeeper.global_sessions', 'global_sessions', 'gauge', 'count', ['Global sessions', '전역 세션 수']),
  zk('zookeeper.avg_fsynctime', 'avg_fsynctime', 'gauge', 'ms', ['Average fsync time of the transaction log', '트랜잭션 로그 평균 fsync 시간']),
  zk('zookeeper.quorum_size', 'quorum_size', 'gauge', 'count', ['Voting members of the ensemble', '앙상블 투표 멤버 수']),
  zk('zookeeper.throttled_ops', 'throttled_ops', 'counter', '1/s', ['Requests throttled by the server', '서버가 제한(throttle)한 요청']),
  zk('zookeeper.uptime', 'uptime', 'gauge', 'ms', ['Time since the server started', '서버 시작 후 경과 시간']),
  zk('zookeeper.learners', 'learners', 'gauge', 'count', ['Learners connected to the leader', '리더에 연결된 learner 수'], true),
  zk('zookeeper.synced_followers', 'synced_followers', 'gauge', 'count', ['Followers in sync with the leader', '리더와 동기화된 follower 수'], true),
  zk('zookeeper.synced_observers', 'synced_observers', 'gauge', 'count', ['Observers in sync with the leader', '리더와 동기화된 observer 수'], true),
  zk('zookeeper.synced_non_voting_followers', 'synced_non_voting_followers', 'gauge', 'count', ['Non-voting followers in sync with the leader', '리더와 동기화된 비투표 follower 수'], true),
  zk('zookeeper.last_proposal_size', 'last_proposal_size', 'gauge', 'bytes', ['Size of the last proposal', '마지막 제안 크기'], true),
  zk('zookeeper.max_proposal_size', 'max_proposal_size', 'gauge', 'bytes', ['Largest proposal size', '최대 제안 크기'], true),
  zk('zookeeper.min_proposal_size', 'min_proposal_size', 'gauge', 'bytes', ['Smallest proposal size', '최소 제안 크기'], true),
  zk('zookeeper.pending_syncs', 'pending_syncs', 'gauge', 'count', ['Followers waiting to sync with the leader', '리더와 동기화 대기 중인 follower 수'], true),
  jmx('zookeeper', 'zookeeper.heap_used', 'java.lang:type=Memory', 'HeapMemoryUsage', 'gauge', 'bytes', ['JVM heap used', 'JVM 힙 사용량'], { path: 'used', proposal: [20] }),
  jmx('zookeeper', 'zookeeper.heap_max', 'java.lang:type=Memory', 'HeapMemoryUsage', 'gauge', 'bytes', ['JVM heap maximum', 'JVM 최대 힙'], { path: 'max', proposal: [20] }),
  jmx('zookeeper', 'zookeeper.gc_time', 'java.lang:type=GarbageCollector,name=*', 'CollectionTime', 'counter', 'ms/s', ['Time spent in garbage collection per second', '초당 GC 소요 시간'], { labelKeys: ['name'] }),
  jmx('zookeeper', 'zookeeper.data_dir_size', SERVER_BEAN, 'DataDirSize', 'gauge', 'bytes', ['Size of the snapshot directory', '스냅샷 디렉터리 크기']),
  jmx('zookeeper', 'zookeeper.log_dir_size', SERVER_BEAN, 'LogDirSize', 'gauge', 'bytes', ['Size of the transaction log directory', '트랜잭션 로그 디렉터리 크기']),
];
