/**
 * ZooKeeper 3.6+ metrics (checked on 3.8.4), from two sources:
 * - the AdminServer `monitor` command (= `mntr` keys without `zk_`, 3.6+ names: `learners`,
 *   not `followers`), collected by the ZooKeeper collector, plus three keys it derives:
 *   `up` (1 answered / 0 not), `is_leader` (1/0), `server_state_code` (0 standalone,
 *   1 observer, 2 follower, 3 leader), `dir_growth_unpurged` (AdminServer `dirs`, dir-growth.ts).
 *   `leaderOnly` keys are reported by the leader alone.
 * - JMX through a Jolokia agent on the ZooKeeper JVM, only for what `monitor` lacks (data/log
 *   dir sizes, fsync-over-threshold count, election time). The server bean is
 *   `org.apache.ZooKeeperService:name0=ReplicatedServer_id<N>,name1=replica.<N>,name2=Leader|Follower|Observer`
 *   in an ensemble and `name0=StandaloneServer_port<P>` standalone: both are listed under the
 *   same id (one metric, two possible MBeans; only one exists on a given server).
 * JVM heap/GC/fds of the ZooKeeper JVM come from builtin-jvm.ts.
 */
import type { CatalogEntry, MetricType } from '../core/model';
import { jmx, zkMonitor as m, type Desc } from './define';

const ENSEMBLE_SERVER = 'org.apache.ZooKeeperService:name0=*,name1=*,name2=*';
const STANDALONE_SERVER = 'org.apache.ZooKeeperService:name0=StandaloneServer_port*';

/** The same server attribute from the ensemble bean and the standalone bean. */
const server = (id: string, attribute: string, type: MetricType, unit: string, d: Desc): CatalogEntry[] => [
  jmx('zookeeper', id, ENSEMBLE_SERVER, attribute, type, unit, d),
  jmx('zookeeper', id, STANDALONE_SERVER, attribute, type, unit, d),
];

export const ZOOKEEPER_MONITOR_ENTRIES: CatalogEntry[] = [
  // derived by the ZooKeeper collector
  m('zookeeper.up', 'up', 'gauge', 'bool', [
    '1 when the server answered (AdminServer monitor or mntr), 0 when it did not',
    '서버가 응답하면 1 (AdminServer monitor 또는 mntr), 아니면 0',
  ]),
  m('zookeeper.is_leader', 'is_leader', 'gauge', 'bool', [
    '1 on the ensemble leader (the sum over servers must be 1)',
    '앙상블 리더이면 1 (서버 합계는 반드시 1)',
  ]),
  m('zookeeper.server_state', 'server_state_code', 'gauge', 'code', [
    'Role: 0 standalone, 1 observer, 2 follower, 3 leader',
    '역할: 0 standalone, 1 observer, 2 follower, 3 leader',
  ]),
  m('zookeeper.dir_growth_unpurged', 'dir_growth_unpurged', 'gauge', 'bytes', [
    'Bytes the data or log dir grew without shrinking once in a day (0 = purged within the day; from the AdminServer dirs command, after one day of watching)',
    '하루 동안 한 번도 줄지 않고 데이터/로그 디렉터리가 늘어난 바이트 (0 = 하루 안에 정리됨; AdminServer dirs 명령, 하루 관찰 후)',
  ]),
  // every server
  m('zookeeper.avg_latency', 'avg_latency', 'gauge', 'ms', ['Average request latency (alert > 100 ms for 1 min)', '평균 요청 지연 (1분간 100ms 초과 시 경고)']),
  m('zookeeper.max_latency', 'max_latency', 'gauge', 'ms', ['Maximum request latency since the last reset', '마지막 초기화 이후 최대 요청 지연']),
  m('zookeeper.min_latency', 'min_latency', 'gauge', 'ms', ['Minimum request latency since the last reset', '마지막 초기화 이후 최소 요청 지연']),
  m('zookeeper.outstanding_requests', 'outstanding_requests', 'gauge', 'count', [
    'Requests queued, not yet processed (alert when rising)',
    '처리 대기 중인 요청 수 (증가 시 경고)',
  ]),
  m('zookeeper.num_alive_connections', 'num_alive_connections', 'gauge', 'count', ['Client connections', '클라이언트 연결 수']),
  m('zookeeper.znode_count', 'znode_count', 'gauge', 'count', ['Znodes in the data tree (alert > 1M)', '데이터 트리의 znode 수 (100만 초과 시 경고)']),
  m('zookeeper.watch_count', 'watch_count', 'gauge', 'count', ['Watches set by clients (alert > 10k)', '클라이언트가 설정한 watch 수 (1만 초과 시 경고)']),
  m('zookeeper.ephemerals_count', 'ephemerals_count', 'gauge', 'count', ['Ephemeral znodes', '임시 znode 수']),
  m('zookeeper.approximate_data_size', 'approximate_data_size', 'gauge', 'bytes', [
    'Approximate size of the data tree (alert > 1 GB)',
    '데이터 트리 대략 크기 (1GB 초과 시 경고)',
  ]),
  m('zookeeper.open_file_descriptor_count', 'open_file_descriptor_count', 'gauge', 'count', [
    'Open file descriptors (alert > 80% of max)',
    '열린 파일 디스크립터 수 (한도의 80% 초과 시 경고)',
  ]),
  m('zookeeper.max_file_descriptor_count', 'max_file_descriptor_count', 'gauge', 'count', ['File descriptor limit', '파일 디스크립터 한도']),
  m('zookeeper.packets_received', 'packets_received', 'counter', 'packets/s', ['Packets received', '초당 받은 패킷 수']),
  m('zookeeper.packets_sent', 'packets_sent', 'counter', 'packets/s', ['Packets sent', '초당 보낸 패킷 수']),
  m('zookeeper.global_sessions', 'global_sessions', 'gauge', 'count', ['Global sessions', '전역 세션 수']),
  m('zookeeper.avg_fsynctime', 'avg_fsynctime', 'gauge', 'ms', ['Average fsync time of the transaction log', '트랜잭션 로그 평균 fsync 시간']),
  m('zookeeper.max_fsynctime', 'max_fsynctime', 'gauge', 'ms', [
    'Maximum fsync time of the transaction log (warning threshold 1000 ms)',
    '트랜잭션 로그 최대 fsync 시간 (경고 기준 1000ms)',
  ]),
  m('zookeeper.throttled_ops', 'throttled_ops', 'counter', '1/s', ['Requests throttled (alert > 0)', '초당 스로틀된 요청 수 (0 초과 시 경고)']),
  m('zookeeper.quorum_size', 'quorum_size', 'gauge', 'count', ['Voting members of the ensemble', '앙상블 투표 멤버 수']),
  m('zookeeper.uptime', 'uptime', 'gauge', 'ms', ['Time since the server started', '서버 시작 후 경과 시간']),
  m('zookeeper.looking_count', 'looking_count', 'counter', '1/s', [
    'Times the server entered LOOKING (leader elections)',
    '서버가 LOOKING 상태(리더 선출)에 들어간 횟수',
  ]),
  m('zookeeper.auth_failed', 'auth_failed_count', 'counter', '1/s', ['Failed client authentications', '초당 클라이언트 인증 실패 수']),
  m('zookeeper.digest_mismatches', 'digest_mismatches_count', 'counter', '1/s', [
    'Data tree digest mismatches (data inconsistency)',
    '데이터 트리 다이제스트 불일치 (데이터 불일치)',
  ]),
  // leader only
  m(
    'zookeeper.learners',
    'learners',
    'gauge',
    'count',
    ['Learners (followers + observers) connected to the leader (alert on any change)', '리더에 연결된 learner 수 (변화 시 경고)'],
    true,
  ),
  m(
    'zookeeper.synced_followers',
    'synced_followers',
    'gauge',
    'count',
    ['Followers in sync with the leader (alert when + 1 is below quorum)', '리더와 동기화된 follower 수 (+1이 쿼럼 미만이면 경고)'],
    true,
  ),
  m('zookeeper.synced_observers', 'synced_observers', 'gauge', 'count', ['Observers in sync with the leader', '리더와 동기화된 observer 수'], true),
  m(
    'zookeeper.pending_syncs',
    'pending_syncs',
    'gauge',
    'count',
    ['Followers waiting to sync with the leader (alert > 10)', '리더와 동기화 대기 중인 follower 수 (10 초과 시 경고)'],
    true,
  ),
  m('zookeeper.leader_uptime', 'leader_uptime', 'gauge', 'ms', ['Time since this server became leader', '이 서버가 리더가 된 후 경과 시간'], true),
  m('zookeeper.proposal_count', 'proposal_count', 'counter', '1/s', ['Proposals the leader sent', '리더가 보낸 초당 제안 수'], true),
];

export const ZOOKEEPER_JMX_ENTRIES: CatalogEntry[] = [
  ...server('zookeeper.data_dir_size', 'DataDirSize', 'gauge', 'bytes', [
    'Size of the snapshot directory (alert when growing without purge)',
    '스냅샷 디렉터리 크기 (정리 없이 증가 시 경고)',
  ]),
  ...server('zookeeper.log_dir_size', 'LogDirSize', 'gauge', 'bytes', [
    'Size of the transaction log directory (alert when growing without purge)',
    '트랜잭션 로그 디렉터리 크기 (정리 없이 증가 시 경고)',
  ]),
  ...server('zookeeper.fsync_threshold_exceeded', 'FsyncThresholdExceedCount', 'counter', '1/s', [
    'fsyncs slower than fsync.warningthresholdms (default 1000 ms)',
    'fsync.warningthresholdms(기본 1000ms)보다 느린 fsync 수',
  ]),
  jmx('zookeeper', 'zookeeper.election_time_ms', ENSEMBLE_SERVER, 'ElectionTimeTaken', 'gauge', 'ms', [
    'Time the last leader election took (ensemble only)',
    '마지막 리더 선출 소요 시간 (앙상블만)',
  ]),
];

export const ZOOKEEPER_ENTRIES: CatalogEntry[] = [...ZOOKEEPER_MONITOR_ENTRIES, ...ZOOKEEPER_JMX_ENTRIES];
