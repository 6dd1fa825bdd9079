/** Partitions owned by live members, decoded from DescribeGroups' member assignments (pure). */
import { AssignerProtocol } from 'kafkajs';
import { assignedPartitions, partitionKey } from '../../../../sidecar/src/collector/lag/assignment';

const enc = (assignment: Record<string, number[]>): Buffer => AssignerProtocol.MemberAssignment.encode({ version: 0, assignment, userData: Buffer.alloc(0) });

test('every member’s partitions, as topic\\0partition keys', () => {
  const got = assignedPartitions({
    protocolType: 'consumer',
    members: [{ memberAssignment: enc({ orders: [0, 2] }) }, { memberAssignment: enc({ orders: [1], clicks: [0] }) }],
  });
  expect([...(got ?? [])].sort()).toEqual([partitionKey('clicks', 0), partitionKey('orders', 0), partitionKey('orders', 1), partitionKey('orders', 2)].sort());
});

test('hostile topic names stay data', () => {
  const topic = '<img src=x onerror=alert(1)>';
  expect(assignedPartitions({ protocolType: 'consumer', members: [{ memberAssignment: enc({ [topic]: [3] }) }] })?.has(partitionKey(topic, 3))).toBe(true);
});

test.each([
  ['not the consumer protocol (Kafka Connect)', { protocolType: 'connect', members: [{ memberAssignment: enc({ t: [0] }) }] }, undefined],
  ['members mid-rebalance (empty assignments)', { protocolType: 'consumer', members: [{ memberAssignment: Buffer.alloc(0) }] }, undefined],
  ['an assignment that does not decode', { protocolType: 'consumer', members: [{ memberAssignment: Buffer.from([1, 2, 3]) }] }, undefined],
  ['no members: owns nothing', { protocolType: '', members: [] }, []],
])('%s', (_name, desc, expected) => {
  const got = assignedPartitions(desc);
  expect(got === undefined ? undefined : [...got]).toEqual(expected);
});

test('one readable member is enough; the unreadable one owns nothing', () => {
  const got = assignedPartitions({ protocolType: 'consumer', members: [{ memberAssignment: Buffer.from([9]) }, { memberAssignment: enc({ t: [4] }) }] });
  expect([...(got ?? [])]).toEqual([partitionKey('t', 4)]);
});
