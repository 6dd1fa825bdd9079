/**
 * Which partitions the live members of a consumer group own, from DescribeGroups' member
 * assignments (the consumer protocol's MemberAssignment, decoded with kafkajs' own serializer).
 * What tells a stuck-but-present consumer (STALL: it owns the partition, its offset does not move)
 * from a gone one (STOP) when offsets come from the admin API, which shows no commit times.
 */
import { AssignerProtocol } from 'kafkajs';

/** `topic\0partition`, the key the status windows use. */
export const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * Pure: the keys of every partition assigned to a member; undefined when the group does not speak the
 * consumer protocol (Kafka Connect, custom) or no member's assignment can be read.
 */
export function assignedPartitions(desc: { protocolType?: string; members: ReadonlyArray<{ memberAssignment?: Buffer }> }): Set<string> | undefined {
  const out = new Set<string>();
  if (desc.members.length === 0) return out; // an empty group owns nothing, whatever its protocol
  if (desc.protocolType !== undefined && desc.protocolType !== 'consumer') return undefined;
  let readable = false;
  for (const m of desc.members) {
    if (!m.memberAssignment || m.memberAssignment.length === 0) continue;
    try {
      const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
      if (!decoded) continue;
      readable = true;
      for (const [topic, partitions] of Object.entries(decoded.assignment)) for (const p of partitions) out.add(partitionKey(topic, p));
    } catch {
      // a member whose assignment does not decode owns nothing we can name
    }
  }
  return readable ? out : undefined;
}
