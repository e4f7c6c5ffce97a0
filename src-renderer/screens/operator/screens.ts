// The operator's screens: one chunk, loaded after login (src-renderer/app/lazy-screens.ts).
export { RecordingWorkspace } from './recording/recording-workspace';
export { QueueDesk } from './queue/queue-desk';
export { HandoverScreen } from './handover/handover-screen';
export { FieldRoundScreen } from './rounds/field-round-screen';
