/**
 * Jest setup of the integration and browser projects: their test files run kafkajs clients of their
 * own (consumers, producers, admins), which get the sidecar's fix of kafkajs' idle request-queue
 * timer too (sidecar/src/collector/lag/kafkajs-idle-timer-fix.ts).
 */
import { fixKafkajsIdleTimer } from '../../sidecar/src/collector/lag/kafkajs-idle-timer-fix';

fixKafkajsIdleTimer();
