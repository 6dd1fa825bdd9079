/** ObjectName parsing lives with the catalogue (it validates MBean names too); re-exported for the collector. */
export { parseObjectName, isPattern, type ObjectName } from '../../catalog/object-name';
