import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Steady demo traffic for the local cluster: one producer (one JVM, one client id) writing to
 * several topics at fixed rates, so that every topic, broker and consumer has something to show.
 *
 * Usage: DemoProducer <bootstrap> <client.id> <topic>=<records/s>[~<swing>] ...
 * A topic given as clicks=40~30 swings between 10 and 70 records/s over five minutes.
 * Compiled by scripts/cluster.sh into .sandbox/cluster/classes; logs through log4j.
 */
public final class DemoProducer {
    private static final long TICK_MS = 100;
    private static final double SWING_PERIOD_S = 300.0;

    private static final class TopicRate {
        final String topic;
        final double base;
        final double swing;
        double carry;

        TopicRate(String spec) {
            String[] kv = spec.split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("expected topic=rate, got " + spec);
            String[] rs = kv[1].split("~", 2);
            topic = kv[0];
            base = Double.parseDouble(rs[0]);
            swing = rs.length == 2 ? Double.parseDouble(rs[1]) : 0.0;
        }

        /** Records to send in this tick; fractions carry over so the average rate is exact. */
        int due(double elapsedSeconds) {
            double rate = base + swing * Math.sin(2 * Math.PI * elapsedSeconds / SWING_PERIOD_S);
            carry += Math.max(0.0, rate) * TICK_MS / 1000.0;
            int n = (int) carry;
            carry -= n;
            return n;
        }
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: DemoProducer <bootstrap> <client.id> <topic>=<rate>[~<swing>] ...");
            System.exit(2);
        }
        List<TopicRate> topics = new ArrayList<>();
        for (int i = 2; i < args.length; i++) topics.add(new TopicRate(args[i]));

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, args[1]);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());

        KafkaProducer<String, String> producer = new KafkaProducer<>(p);
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Random random = new Random();
        long startNanos = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        timer.scheduleAtFixedRate(() -> {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            for (TopicRate t : topics) {
                int n = t.due(elapsed);
                for (int i = 0; i < n; i++) {
                    String key = t.topic + "-" + random.nextInt(1000);
                    producer.send(new ProducerRecord<>(t.topic, key, payload(t.topic, key, random)), (md, e) -> {
                        if (e == null) sent.incrementAndGet(); else failed.incrementAndGet();
                    });
                }
            }
        }, 0, TICK_MS, TimeUnit.MILLISECONDS);

        timer.scheduleAtFixedRate(() -> System.out.printf("DemoProducer: %d sent, %d failed%n",
                sent.get(), failed.get()), 60, 60, TimeUnit.SECONDS);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdownNow();
            producer.close(Duration.ofSeconds(5));
        }, "demo-producer-shutdown"));
    }

    /** About 200 bytes of JSON-looking text. */
    private static String payload(String topic, String key, Random random) {
        StringBuilder sb = new StringBuilder(220);
        sb.append("{\"topic\":\"").append(topic).append("\",\"key\":\"").append(key)
          .append("\",\"ts\":").append(System.currentTimeMillis())
          .append(",\"amount\":").append(random.nextInt(100000))
          .append(",\"note\":\"");
        while (sb.length() < 196) sb.append((char) ('a' + random.nextInt(26)));
        return sb.append("\"}").toString();
    }
}
