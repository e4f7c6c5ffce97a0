export {
  PACKET_REJECTIONS,
  PacketError,
  KeyFormatError,
  isPacketRejection,
  packetRejectionMessage,
} from './errors';
export type { PacketRejection, KeyFormatProblem } from './errors';
export {
  generateStationKeys,
  generateCentralKeys,
  generateVerdictKeys,
  formatCentralKeyBundle,
  parseCentralKeyBundle,
  keyFingerprint,
  parsePublicKey,
  publicKeyPemFromPrivate,
  rawPublicKey,
} from './keys';
export type { CentralKeyBundle, KeyPairPem, PacketKeyType } from './keys';
export { VERDICT_DOMAIN, checkVerdict, signVerdict, verdictSigningBytes } from './verdict';
export type { SignedVerdict, VerdictCheck, VerdictFields } from './verdict';
export {
  PRINT_STATEMENT_DOMAIN,
  checkPrintStatement,
  printStatementSigningBytes,
  signPrintStatement,
} from './print-statement';
export type {
  PrintStatementCheck,
  PrintStatementFields,
  PrintedCardRef,
  SignedPrintStatement,
} from './print-statement';
export {
  MANIFEST_SCHEMA_VERSION,
  PHOTO_PART,
  SIGNATURE_IMAGE_PART,
  SIGNATURE_SERIES_PART,
  fingerPartName,
  mediaTypeOf,
} from './manifest';
export type {
  PacketManifest,
  PacketCaptureMeta,
  PhotoCaptureMeta,
  FingerCaptureMeta,
  SignatureCaptureMeta,
  DeviceMeta,
  PartEntry,
} from './manifest';
export { DEFAULT_MAX_PACKET_BYTES, FORMAT_VERSION, MAGIC } from './format';
export type { PacketHeader } from './format';
export { sealPacket, openPacket, readPacketHeader } from './seal';
export type { PacketPart, SealInput, SealKeys, OpenKeys, SealOptions } from './seal';
export { newPacketId } from './packet-id';
export { stationRequestHeaders, verifyStationRequest } from './request-auth';
