/**
 * JVM and host metrics, the same on every JVM we read through Jolokia (brokers, ZooKeeper
 * servers, client applications). One id names one metric; it gets one entry per target kind
 * (same source, unit and type), so `Catalog.forKind(kind)` finds it for each kind.
 * `FreePhysicalMemorySize` is used rather than JDK 14+'s `FreeMemorySize`: both answer on
 * Java 17, only the old name answers on Java 8/11.
 */
import type { CatalogEntry, MetricType, TargetKind } from '../core/model';
import { jmx, type Desc, type JmxOpts } from './define';

const MEM = 'java.lang:type=Memory';
const OS = 'java.lang:type=OperatingSystem';
const GC = 'java.lang:type=GarbageCollector,name=*';

type JvmMetric = [id: string, mbean: string, attribute: string, type: MetricType, unit: string, desc: Desc, opts?: JmxOpts];

const JVM_METRICS: JvmMetric[] = [
  ['jvm.heap.used', MEM, 'HeapMemoryUsage', 'gauge', 'bytes', ['JVM heap used', 'JVM 힙 사용량'], { path: 'used', proposal: [2, 20] }],
  [
    'jvm.heap.committed',
    MEM,
    'HeapMemoryUsage',
    'gauge',
    'bytes',
    ['JVM heap committed by the OS', 'OS가 할당한 JVM 힙'],
    { path: 'committed', proposal: [20] },
  ],
  ['jvm.heap.max', MEM, 'HeapMemoryUsage', 'gauge', 'bytes', ['JVM heap maximum (-Xmx)', 'JVM 최대 힙 (-Xmx)'], { path: 'max', proposal: [2, 20] }],
  [
    'jvm.non_heap.used',
    MEM,
    'NonHeapMemoryUsage',
    'gauge',
    'bytes',
    ['JVM non-heap memory used (metaspace, code cache)', 'JVM 비힙 메모리 사용량 (메타스페이스, 코드 캐시)'],
    { path: 'used' },
  ],
  [
    'jvm.gc.time',
    GC,
    'CollectionTime',
    'counter',
    'ms/s',
    ['Milliseconds per second spent in garbage collection, per collector', '수집기별 초당 GC 소요 시간(ms)'],
    { labelKeys: ['name'], proposal: [20] },
  ],
  [
    'jvm.gc.count',
    GC,
    'CollectionCount',
    'counter',
    '1/s',
    ['Garbage collections per second, per collector', '수집기별 초당 GC 횟수'],
    { labelKeys: ['name'], proposal: [20] },
  ],
  ['jvm.os.physical_memory_total', OS, 'TotalPhysicalMemorySize', 'gauge', 'bytes', ['Physical memory of the host', '호스트 물리 메모리'], { proposal: [2] }],
  [
    'jvm.os.physical_memory_free',
    OS,
    'FreePhysicalMemorySize',
    'gauge',
    'bytes',
    ['Free physical memory of the host (page cache counts as used)', '호스트 여유 물리 메모리 (페이지 캐시는 사용 중으로 계산)'],
    { proposal: [2] },
  ],
  ['jvm.os.swap_total', OS, 'TotalSwapSpaceSize', 'gauge', 'bytes', ['Swap space of the host', '호스트 스왑 크기'], { proposal: [3] }],
  [
    'jvm.os.swap_free',
    OS,
    'FreeSwapSpaceSize',
    'gauge',
    'bytes',
    ['Free swap space (used = total − free; any use hurts Kafka)', '여유 스왑 (사용량 = 전체 − 여유, 사용 시 Kafka 성능 저하)'],
    { proposal: [3] },
  ],
  [
    'jvm.os.swap_used',
    OS,
    'TotalSwapSpaceSize',
    'gauge',
    'bytes',
    ['Swap in use on the host (total − free; alert when > 0 for a while)', '호스트 스왑 사용량 (전체 − 여유, 일정 시간 0 초과 시 경고)'],
    { subtract: 'FreeSwapSpaceSize', proposal: [3] },
  ],
  ['jvm.os.process_cpu_load', OS, 'ProcessCpuLoad', 'gauge', 'ratio', ['CPU load of the JVM process (0..1)', 'JVM 프로세스 CPU 부하 (0..1)']],
  ['jvm.os.system_cpu_load', OS, 'SystemCpuLoad', 'gauge', 'ratio', ['CPU load of the whole host (0..1)', '호스트 전체 CPU 부하 (0..1)']],
  ['jvm.os.open_fds', OS, 'OpenFileDescriptorCount', 'gauge', 'count', ['Open file descriptors of the process', '프로세스의 열린 파일 디스크립터 수']],
  ['jvm.os.max_fds', OS, 'MaxFileDescriptorCount', 'gauge', 'count', ['File descriptor limit of the process', '프로세스의 파일 디스크립터 한도']],
  [
    'jvm.uptime',
    'java.lang:type=Runtime',
    'Uptime',
    'gauge',
    'ms',
    ['Time since the JVM started (drops on restart)', 'JVM 시작 후 경과 시간 (재시작 시 감소)'],
    { proposal: [1] },
  ],
  ['jvm.threads', 'java.lang:type=Threading', 'ThreadCount', 'gauge', 'count', ['Live threads', '살아 있는 스레드 수']],
];

export const JVM_KINDS: readonly TargetKind[] = ['kafka-broker', 'zookeeper', 'kafka-client'];

export const JVM_ENTRIES: CatalogEntry[] = JVM_KINDS.flatMap((kind) =>
  JVM_METRICS.map(([id, mbean, attribute, type, unit, desc, opts]) => jmx(kind, id, mbean, attribute, type, unit, desc, opts)),
);
