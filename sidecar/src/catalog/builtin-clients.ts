/**
 * Kafka Java client metrics (consumers and producers, checked on the 3.9 Java client).
 * The proposal's old Scala-consumer MBeans map to `consumer-fetch-manager-metrics` and
 * `consumer-coordinator-metrics`. Client metrics are attributes of one MBean per client
 * (`client-id=*` matches only the client-level bean: a JMX value wildcard does not match beans
 * with extra keys such as `topic`). `*-rate` attributes are already per-second rates computed
 * by the client over its sample window, so they are gauges here.
 */
import type { CatalogEntry } from '../core/model';
import { jmx, type Desc, type JmxOpts } from './define';

const FETCH = 'kafka.consumer:type=consumer-fetch-manager-metrics,client-id=*';
const FETCH_TOPIC = 'kafka.consumer:type=consumer-fetch-manager-metrics,client-id=*,topic=*';
const FETCH_PARTITION = 'kafka.consumer:type=consumer-fetch-manager-metrics,client-id=*,topic=*,partition=*';
const COORD = 'kafka.consumer:type=consumer-coordinator-metrics,client-id=*';
const CONSUMER = 'kafka.consumer:type=consumer-metrics,client-id=*';
const PRODUCER = 'kafka.producer:type=producer-metrics,client-id=*';

const c = (id: string, mbean: string, attribute: string, unit: string, d: Desc, o: JmxOpts = {}): CatalogEntry =>
  jmx('kafka-client', id, mbean, attribute, 'gauge', unit, d, { labelKeys: ['client-id'], ...o });

export const KAFKA_CLIENT_ENTRIES: CatalogEntry[] = [
  // consumer: fetching
  c(
    'kafka.consumer.records_lag_max',
    FETCH,
    'records-lag-max',
    'messages',
    ['Largest lag of any partition the consumer reads (alert > 50)', '컨슈머가 읽는 파티션 중 최대 지연 (50 초과 시 경고)'],
    { proposal: [21] },
  ),
  c(
    'kafka.consumer.fetch_rate',
    FETCH,
    'fetch-rate',
    'req/s',
    ['Fetch requests per second (≈0 means the consumer stalled; chart the minimum of a group)', '초당 fetch 요청 수 (0에 가까우면 멈춤, 그룹 최솟값을 차트로)'],
    { proposal: [22] },
  ),
  c('kafka.consumer.records_consumed_rate', FETCH, 'records-consumed-rate', 'msgs/s', ['Messages consumed per second', '초당 소비한 메시지 수'], {
    proposal: [23],
  }),
  c('kafka.consumer.bytes_consumed_rate', FETCH, 'bytes-consumed-rate', 'bytes/s', ['Bytes consumed per second', '초당 소비한 바이트'], { proposal: [24] }),
  c('kafka.consumer.fetch_latency_avg', FETCH, 'fetch-latency-avg', 'ms', ['Average fetch request latency', '평균 fetch 요청 지연']),
  c(
    'kafka.consumer.topic_records_consumed_rate',
    FETCH_TOPIC,
    'records-consumed-rate',
    'msgs/s',
    ['Messages consumed per second, per topic', '토픽별 초당 소비한 메시지 수'],
    { labelKeys: ['client-id', 'topic'], proposal: [23] },
  ),
  c(
    'kafka.consumer.topic_bytes_consumed_rate',
    FETCH_TOPIC,
    'bytes-consumed-rate',
    'bytes/s',
    ['Bytes consumed per second, per topic', '토픽별 초당 소비한 바이트'],
    { labelKeys: ['client-id', 'topic'], proposal: [24] },
  ),
  c(
    'kafka.consumer.partition_records_lag',
    FETCH_PARTITION,
    'records-lag',
    'messages',
    ['Lag of each assigned partition as the consumer sees it (read every Nth cycle)', '컨슈머가 보는 할당 파티션별 지연 (N번째 주기마다 읽음)'],
    { labelKeys: ['client-id', 'topic', 'partition'], cadence: 'slow', proposal: [21] },
  ),
  // consumer: group membership
  c('kafka.consumer.commit_rate', COORD, 'commit-rate', '1/s', ['Offset commits per second', '초당 오프셋 커밋 수'], { proposal: [25] }),
  c('kafka.consumer.assigned_partitions', COORD, 'assigned-partitions', 'count', ['Partitions assigned to this consumer', '이 컨슈머에 할당된 파티션 수'], {
    proposal: [26],
  }),
  c('kafka.consumer.rebalance_rate_per_hour', COORD, 'rebalance-rate-per-hour', '1/h', ['Group rebalances per hour', '시간당 리밸런스 횟수']),
  c('kafka.consumer.last_heartbeat_seconds_ago', COORD, 'last-heartbeat-seconds-ago', 's', [
    'Seconds since the last heartbeat to the group coordinator',
    '그룹 코디네이터에 마지막 하트비트 후 경과 초',
  ]),
  c('kafka.consumer.last_poll_seconds_ago', CONSUMER, 'last-poll-seconds-ago', 's', [
    'Seconds since the application last called poll()',
    '애플리케이션이 마지막으로 poll()을 호출한 후 경과 초',
  ]),
  c('kafka.consumer.poll_idle_ratio', CONSUMER, 'poll-idle-ratio-avg', 'ratio', [
    'Share of time the consumer waits inside poll() (low = slow processing)',
    'poll() 안에서 대기하는 시간 비율 (낮으면 처리 지연)',
  ]),
  // producer
  c('kafka.producer.record_send_rate', PRODUCER, 'record-send-rate', 'msgs/s', ['Records sent per second', '초당 보낸 레코드 수']),
  c('kafka.producer.outgoing_byte_rate', PRODUCER, 'outgoing-byte-rate', 'bytes/s', ['Bytes sent to brokers per second', '브로커로 보낸 초당 바이트']),
  c('kafka.producer.record_error_rate', PRODUCER, 'record-error-rate', '1/s', ['Records that failed to send per second', '초당 전송 실패 레코드 수']),
  c('kafka.producer.record_retry_rate', PRODUCER, 'record-retry-rate', '1/s', ['Record sends retried per second', '초당 재시도한 레코드 전송 수']),
  c('kafka.producer.request_latency_avg', PRODUCER, 'request-latency-avg', 'ms', ['Average produce request latency', '평균 produce 요청 지연']),
  c('kafka.producer.buffer_available_bytes', PRODUCER, 'buffer-available-bytes', 'bytes', [
    'Free space in the producer buffer (0 = send() blocks)',
    '프로듀서 버퍼 여유 공간 (0이면 send() 대기)',
  ]),
];
