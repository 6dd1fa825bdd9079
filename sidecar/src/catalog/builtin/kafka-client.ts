/**
 * Kafka Java client metrics (consumers and producers, Kafka 3.x clients). The old Scala
 * consumer MBeans of the proposal map to `consumer-fetch-manager-metrics` and
 * `consumer-coordinator-metrics`. Client-level beans only: `client-id=*` without a trailing `,*`
 * matches exactly the beans with those keys, not the per-topic/per-partition ones. The Java
 * client computes its own rates (`*-rate` over a sample window), so every entry is a gauge.
 */
import type { CatalogEntry } from '../../model';
import { jmx, type JmxOpts } from './define';

const c = (id: string, mbean: string, attribute: string, unit: string, d: [string, string], o: JmxOpts = {}): CatalogEntry =>
  jmx('kafka-client', id, mbean, attribute, 'gauge', unit, d, { labelKeys: ['client-id'], ...o });

const FETCH = 'kafka.consumer:type=consumer-fetch-manager-metrics,client-id=*';
const COORD = 'kafka.consumer:type=consumer-coordinator-metrics,client-id=*';
const PRODUCER = 'kafka.producer:type=producer-metrics,client-id=*';

export const KAFKA_CLIENT_ENTRIES: CatalogEntry[] = [
  c('kafka.consumer.records_lag_max', FETCH, 'records-lag-max', 'messages', ['Largest lag of any partition the consumer reads', '컨슈머가 읽는 파티션 중 최대 지연'], { proposal: [21] }),
  c('kafka.consumer.fetch_rate', FETCH, 'fetch-rate', 'req/s', ['Fetch requests per second (≈0 means the consumer stalled)', '초당 fetch 요청 수 (0에 가까우면 멈춤)'], { proposal: [22] }),
  c('kafka.consumer.records_consumed_rate', FETCH, 'records-consumed-rate', 'msgs/s', ['Messages consumed per second', '초당 소비한 메시지 수'], { proposal: [23] }),
  c('kafka.consumer.bytes_consumed_rate', FETCH, 'bytes-consumed-rate', 'bytes/s', ['Bytes consumed per second', '초당 소비한 바이트'], { proposal: [24] }),
  c('kafka.consumer.commit_rate', COORD, 'commit-rate', '1/s', ['Offset commits per second', '초당 오프셋 커밋 수'], { proposal: [25] }),
  c('kafka.consumer.assigned_partitions', COORD, 'assigned-partitions', 'count', ['Partitions assigned to this consumer', '이 컨슈머에 할당된 파티션 수'], { proposal: [26] }),
  c('kafka.consumer.rebalance_rate', COORD, 'rebalance-rate-per-hour', '1/h', ['Group rebalances per hour', '시간당 리밸런스 횟수']),
  c('kafka.producer.record_send_rate', PRODUCER, 'record-send-rate', 'msgs/s', ['Records sent per second', '초당 보낸 레코드 수']),
  c('kafka.producer.request_latency_avg', PRODUCER, 'request-latency-avg', 'ms', ['Average produce request latency', '평균 produce 요청 지연']),
  c('kafka.producer.record_error_rate', PRODUCER, 'record-error-rate', '1/s', ['Records that failed to send per second', '초당 전송 실패 레코드 수']),
  c('kafka.producer.record_retry_rate', PRODUCER, 'record-retry-rate', '1/s', ['Record sends retried per second', '초당 재시도한 레코드 전송 수']),
  c('kafka.producer.outgoing_byte_rate', PRODUCER, 'outgoing-byte-rate', 'bytes/s', ['Bytes sent to brokers per second', '초당 브로커로 보낸 바이트']),
  c('kafka.consumer.fetch_latency_avg', FETCH, 'fetch-latency-avg', 'ms', ['Average fetch request latency', '평균 fetch 요청 지연']),
  c('kafka.consumer.last_poll_seconds_ago', 'kafka.consumer:type=consumer-metrics,client-id=*', 'last-poll-seconds-ago', 's', ['Seconds since the application last called poll() (growing = stuck processing)', '애플리케이션이 마지막으로 poll()을 호출한 후 경과 초 (증가 = 처리 정체)']),
  jmx('kafka-client', 'kafka.client.heap_used', 'java.lang:type=Memory', 'HeapMemoryUsage', 'gauge', 'bytes', ['JVM heap used', 'JVM 힙 사용량'], { path: 'used', proposal: [20] }),
  jmx('kafka-client', 'kafka.client.heap_max', 'java.lang:type=Memory', 'HeapMemoryUsage', 'gauge', 'bytes', ['JVM heap maximum', 'JVM 최대 힙'], { path: 'max', proposal: [20] }),
];
