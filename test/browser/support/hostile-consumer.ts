/**
 * A real consumer (kafkajs, no Jolokia agent) whose group id and client id are HTML: the panels
 * must show them as text. Topic names cannot hold such characters; group and client ids can.
 * The demo producer compresses with LZ4, which kafkajs cannot read, so this consumer reads its own
 * topic, fed by a small kafkajs producer (uncompressed) for as long as it runs.
 */
import { Kafka, logLevel } from 'kafkajs';

export const HOSTILE = '<img src=x onerror=alert(1)>';
export const HOSTILE_TOPIC = 'browser-test-events';

export interface RunningConsumer {
  disconnect(): Promise<void>;
}

export async function startHostileConsumer(brokers = ['127.0.0.1:9092', '127.0.0.1:9093', '127.0.0.1:9094']): Promise<RunningConsumer> {
  const kafka = new Kafka({ clientId: HOSTILE, brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: HOSTILE_TOPIC, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  let n = 0;
  const feed = setInterval(() => {
    void producer.send({ topic: HOSTILE_TOPIC, messages: [{ key: String(n % 3), value: `event ${n++}` }] }).catch(() => undefined);
  }, 200);
  const consumer = kafka.consumer({ groupId: HOSTILE, sessionTimeout: 10000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [HOSTILE_TOPIC], fromBeginning: true });
  await consumer.run({ eachMessage: async () => undefined });
  return {
    async disconnect() {
      clearInterval(feed);
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
    },
  };
}
