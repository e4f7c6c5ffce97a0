export { startCentral } from './server';
export type { CentralFaults, CentralHandle, CentralOptions, RunningCentral } from './server';
export { openCentralStore } from './store';
export type { CentralStore, PacketRow, PacketStatus, UploadRow, StationRow } from './store';
