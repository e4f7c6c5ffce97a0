// Tests use the same socat pty pair as the station's simulated scanner.
export { openPtyPair } from '../../drivers/transport/pty-pair';
export type { PtyPair } from '../../drivers/transport/pty-pair';
