/**
 * Consumer-group offsets and lag read through the Kafka protocol (admin client) by the lag
 * collector: no agent on the consumers needed. Target kind `kafka-cluster`, target key `cluster`.
 * Group state code = index in the lag collector's GROUP_STATES:
 * 0 Unknown, 1 PreparingRebalance, 2 CompletingRebalance, 3 Stable, 4 Dead, 5 Empty, 6 Assigning, 7 Reconciling.
 */
import type { CatalogEntry } from '../core/model';
import { kafkaProtocol as k } from './define';

const GTP = ['group', 'topic', 'partition'];

export const CONSUMER_LAG_ENTRIES: CatalogEntry[] = [
  k(
    'kafka.consumer_group.lag',
    'lag',
    GTP,
    'messages',
    ['Messages not yet consumed by the group (log-end offset − committed offset)', '그룹이 아직 소비하지 않은 메시지 수 (로그 끝 오프셋 − 커밋 오프셋)'],
    [21],
  ),
  k('kafka.consumer_group.committed_offset', 'committed_offset', GTP, 'offset', ['Offset the group committed', '그룹이 커밋한 오프셋'], [21]),
  k(
    'kafka.consumer_group.log_end_offset',
    'log_end_offset',
    GTP,
    'offset',
    ['Log-end offset (high watermark) of the partition', '파티션의 로그 끝 오프셋 (하이 워터마크)'],
    [21],
  ),
  k(
    'kafka.consumer_group.total_lag',
    'group_lag',
    ['group'],
    'messages',
    ['Lag of the group summed over its partitions', '그룹의 전체 파티션 지연 합계'],
    [21],
  ),
  k('kafka.consumer_group.members', 'group_members', ['group'], 'count', ['Members of the consumer group', '컨슈머 그룹 멤버 수'], [26]),
  k('kafka.consumer_group.state', 'group_state', ['group'], 'code', [
    'Group state: 0 Unknown, 1 PreparingRebalance, 2 CompletingRebalance, 3 Stable, 4 Dead, 5 Empty, 6 Assigning, 7 Reconciling',
    '그룹 상태: 0 알 수 없음, 1 PreparingRebalance, 2 CompletingRebalance, 3 Stable, 4 Dead, 5 Empty, 6 Assigning, 7 Reconciling',
  ]),
  k(
    'kafka.consumer_group.status',
    'group_status',
    ['group'],
    'code',
    [
      'Burrow-style status from a sliding window of commits: 0 OK, 1 WARN (lag grows at every commit), 2 ERR (a partition STOPped, STALLed or REWound)',
      'Burrow 방식 상태 (커밋 슬라이딩 윈도우): 0 OK, 1 WARN (커밋마다 지연 증가), 2 ERR (파티션 STOP/STALL/REWIND)',
    ],
    [21],
  ),
  k(
    'kafka.consumer_group.partition_status',
    'partition_status',
    GTP,
    'code',
    [
      'Burrow-style partition status: 0 OK, 1 WARN (lag grows at every commit), 2 REWIND (offset went back), 3 STALL (commits the same offset while lag grows), 4 STOP (no commit for longer than the window spans, lag > 0)',
      'Burrow 방식 파티션 상태: 0 OK, 1 WARN (커밋마다 지연 증가), 2 REWIND (오프셋 후퇴), 3 STALL (같은 오프셋 커밋, 지연 증가), 4 STOP (윈도우보다 오래 커밋 없음, 지연 > 0)',
    ],
    [21],
  ),
  k(
    'kafka.consumer_group.worst_partition_status',
    'worst_partition_status',
    ['group'],
    'code',
    [
      'Worst partition status of the group (codes as kafka.consumer_group.partition_status): why a group is WARN or ERR',
      '그룹 파티션 중 가장 나쁜 상태 (코드는 kafka.consumer_group.partition_status와 같음): 그룹이 WARN/ERR인 이유',
    ],
    [21],
  ),
  // Topic metadata, read by the same collector (admin client), internal topics (`__*`) excluded.
  k(
    'kafka.topic.partitions',
    'topic_partitions',
    ['topic'],
    'count',
    ['Partitions of the topic (cluster metadata)', '토픽의 파티션 수 (클러스터 메타데이터)'],
    [16],
  ),
  k(
    'kafka.topic.under_replicated_partitions',
    'topic_under_replicated',
    ['topic'],
    'count',
    ['Partitions of the topic whose ISR is smaller than the replica set', 'ISR이 복제본 집합보다 작은 토픽 파티션 수'],
    [7],
  ),
  k('kafka.topic.offline_partitions', 'topic_offline', ['topic'], 'count', ['Partitions of the topic without a leader', '리더가 없는 토픽 파티션 수'], [8]),
];
