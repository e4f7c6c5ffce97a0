// The supervisor's screens: one chunk, loaded after login (src-renderer/app/lazy-screens.ts).
export { ApprovalScreen } from './approval/approval-screen';
export { AuditLog } from './audit/audit-log';
export { ExportsScreen } from './exports/exports-screen';
export { OfficeRecapScreen } from './office-recap/office-recap-screen';
export { RecapScreen } from './recap/recap-screen';
export { UsersScreen } from './users/users-screen';
export { QueueAdmin } from './queue/queue-admin';
export { CardsArrivalScreen } from './cards/cards-arrival-screen';
export { RoundsScreen } from './rounds/rounds-screen';
