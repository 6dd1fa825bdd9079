/**
 * A real consumer (kafkajs, no Jolokia agent) whose group id and client id are HTML: the panels
 * must show them as text. Topic names cannot hold such characters; group and client ids can.
 */
import { Consumer, Kafka, logLevel } from 'kafkajs';

export const HOSTILE = '<img src=x onerror=alert(1)>';

export async function startHostileConsumer(topic = 'orders', brokers = ['127.0.0.1:9092']): Promise<Consumer> {
  const kafka = new Kafka({ clientId: HOSTILE, brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: HOSTILE, sessionTimeout: 10000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  await consumer.run({ eachMessage: async () => undefined });
  return consumer;
}
