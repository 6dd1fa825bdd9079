/**
 * Types of the event timeline classes (common/EventTimeline*.ts) and the `dftimemachine` event
 * they fire (Ext.GlobalEvents) when an event is clicked.
 */

/** What the user filters the timeline by. Empty lists = everything. */
interface DfEventFilter {
  severities: string[];
  kinds: string[];
  /** Part of the subject (target key, group, topic...), case-insensitive. */
  subject: string;
}

/** The tab (xtype) and metric an event relates to. */
interface DfEventRelation {
  tab: string | null;
  metric: string | null;
  /** true when `tab` is a tab of the Kafka panel. */
  kafkaTab: boolean;
}

/** Payload of Ext.GlobalEvents 'dftimemachine'. */
interface DfTimeMachineRequest {
  cluster: string;
  at: number;
  windowMs: number;
  tab: string | null;
  metric: string | null;
}

/** common/EventTimelineModel.ts */
interface DfEventTimelineModel {
  lanes(): string[];
  laneOf(kind: string): number;
  laneLabel(lane: string): string;
  kinds(): string[];
  severities(): string[];
  kindLabel(kind: string): string;
  severityLabel(severity: string): string;
  severityColor(severity: string): string;
  subjectKey(subject: string): string;
  isZooKeeper(e: DfEvent, kindOf: (key: string) => DfTargetKind | undefined): boolean;
  related(e: DfEvent, kindOf: (key: string) => DfTargetKind | undefined): DfEventRelation;
  matches(e: DfEvent, f: DfEventFilter): boolean;
  query(f: DfEventFilter, from: number, to: number): Array<[string, string | number]>;
  eventKey(e: DfEvent): string;
  fullTime(ts: number): string;
}

/** common/EventTimelineHost.ts: where a timeline (or rules grid) lives — cluster, engine changes, time machine. */
interface DfEventTimelineHost {
  /** The cluster id of the monitoring panel holding `cmp` (its controller's, ENGINE's, or the sidecar's first). */
  cluster(cmp: Ext.Component): Promise<string>;
  /** Calls fn with the new cluster id when the holding panel receives Flamingo's `engineChanged`. */
  onEngineChanged(cmp: Ext.Component, fn: (cluster: string) => void): void;
  /** Switches the holding tab panel to the tab `xtype` (when it has one). */
  showTab(cmp: Ext.Component, xtype: string): boolean;
  /** Fires Ext.GlobalEvents 'dftimemachine'. */
  timeMachine(req: DfTimeMachineRequest): void;
}

/** common/EventTimelineChart.ts (xtype dfeventchart) */
interface DfEventChart extends Ext.Component {
  setEvents(events: DfEvent[], min: number, max: number): void;
  /** Events drawn now (tests and the grid read it). */
  drawn(): DfEvent[];
}

/** common/EventTimeline.ts (xtype dfeventtimeline) */
interface DfEventTimeline extends Ext.Panel {
  /** 'all' (Kafka panel) or 'zookeeper' (ZooKeeper events only). */
  eventScope: 'all' | 'zookeeper';
  cluster: string;
  dfEvents: DfEvent[];
  dfFilter: DfEventFilter;
  rangeMs: number;
  zoom: { min: number; max: number } | null;
  reload(): Promise<void>;
  setRange(ms: number): void;
  setZoom(min: number, max: number): void;
  resetZoom(): void;
  addLive(e: DfEvent): void;
  openEvent(e: DfEvent): void;
  visibleEvents(): DfEvent[];
}

declare namespace Flamingo2.view.monitoring.common {
  const EventTimelineModel: DfEventTimelineModel;
  const EventTimelineHost: DfEventTimelineHost;
  const EventTimelineLayout: DfEventTimelineLayout;
}

declare namespace Flamingo2.view.monitoring.common {
  /** common/EventTimelineStyles.ts: CSS of the timeline and the rules grid (injected once). */
  const EventTimelineStyles: { ensure(): void };
}

/** What the timeline's controls call on their panel (EventTimelineLayout). */
interface DfEventTimelineActions {
  setRange(ms: number): void;
  resetZoom(): void;
  readFilter(): void;
  openEvent(e: DfEvent): void;
}

/** The timeline's toolbar items and event list, as Ext configs. */
interface DfEventTimelineLayout {
  tools(actions: DfEventTimelineActions, ranges: Array<[string, number]>, defaultRangeMs: number): unknown[];
  list(actions: DfEventTimelineActions): unknown;
}
