// The reference central's certificate comes from the same maker as an office hub's.
export { selfSignedCert } from '../../src-main/sync/tls-cert';
export type { SelfSignedCert } from '../../src-main/sync/tls-cert';
