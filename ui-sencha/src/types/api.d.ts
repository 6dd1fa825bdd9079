/**
 * Shapes of the Doflamingo sidecar API v1 (docs/api.md), by the names the panels use. Each one IS
 * the sidecar's own definition (sidecar/src/api/dto.d.ts and the core/ types it is built on): a
 * field the sidecar does not send, or sends with another type, does not compile here.
 * `import()` types keep this file a global declaration file.
 */
type DfTargetKind = import('../../../sidecar/src/core/model').TargetKind;
type DfTargetState = import('../../../sidecar/src/core/target-health').HealthState;
type DfView = import('../../../sidecar/src/api/dto').View;
type DfEventKind = import('../../../sidecar/src/core/timeline-event').EventKind;

type DfTarget = import('../../../sidecar/src/api/dto').TargetDto;
type DfSample = import('../../../sidecar/src/api/dto').SampleDto;
type DfSnapshot = import('../../../sidecar/src/api/dto').SnapshotDto;
type DfSeries = import('../../../sidecar/src/api/dto').SeriesDto;
type DfSeriesResponse = import('../../../sidecar/src/api/dto').SeriesResponseDto;

type DfPartitionStatus = import('../../../sidecar/src/api/dto').PartitionStatusName;
type DfPartitionLag = import('../../../sidecar/src/api/dto').PartitionLagDto;
type DfConsumerGroup = import('../../../sidecar/src/api/dto').ConsumerGroupDto;

/** One event of the timeline (GET /clusters/:cid/events item, socket `event` message). */
type DfEvent = import('../../../sidecar/src/api/dto').EventDto;
/** An alert rule (GET /clusters/:cid/rules). */
type DfRule = import('../../../sidecar/src/api/dto').RuleDto;
/** A pending or firing alert (GET /clusters/:cid/alerts). */
type DfAlert = import('../../../sidecar/src/api/dto').AlertDto;
/** A catalogue entry (GET /catalog). */
type DfCatalogEntry = import('../../../sidecar/src/api/dto').CatalogDto;

/** What the live socket sends (snapshot, update, event, error), and the same by `type`. */
type DfServerMessage = import('../../../sidecar/src/api/dto').ServerMessage;
type DfServerEventMap = import('../../../sidecar/src/api/dto').ServerEventMap;
