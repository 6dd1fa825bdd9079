/** @deprecated Old module path kept so existing imports compile; use broker-discovery.ts and broker-registration.ts. */
export { discoverBrokers, readControllerId, type DiscoveryOptions } from './broker-discovery';
export { parseBrokerRegistration, jolokiaUrlFor, toTarget, type BrokerRegistration } from './broker-registration';
