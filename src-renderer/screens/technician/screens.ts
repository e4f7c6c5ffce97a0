// The technician's screens: one chunk, loaded after login (src-renderer/app/lazy-screens.ts).
export { CentralScreen } from './central/central-screen';
export { DiagnosticsScreen } from './diagnostics/diagnostics-screen';
export { OfficeScreen } from './office/office-screen';
export { StationInfoScreen } from './station/station-info';
