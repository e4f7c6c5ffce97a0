import type { CameraPref } from '../../src-main/api/contract';

// The webcam as a device, apart from any screen: the operator's photo step and the
// technician's camera test both open it this way.

/** What went wrong with the camera, in terms an operator can act on. */
export type CameraErrorKind =
  | 'not-found'
  | 'busy'
  | 'denied'
  | 'unplugged'
  | 'unsupported'
  | 'overconstrained'
  | 'unknown';

/** DOMException names from getUserMedia, mapped to what the operator can do about them. */
export function classifyCameraError(err: unknown): CameraErrorKind {
  const name =
    typeof err === 'object' && err !== null && 'name' in err
      ? String((err as { name: unknown }).name)
      : '';
  switch (name) {
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'not-found';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'overconstrained';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'unknown';
  }
}

export interface CameraDevice {
  deviceId: string;
  label: string;
}

/** Video inputs that can be addressed (before permission, browsers hide ids and labels). */
export function videoInputs(
  devices: readonly Pick<MediaDeviceInfo, 'kind' | 'deviceId' | 'label'>[],
): CameraDevice[] {
  return devices
    .filter((d) => d.kind === 'videoinput' && d.deviceId !== '')
    .map((d) => ({ deviceId: d.deviceId, label: d.label }));
}

/**
 * The camera to open: the one remembered for this station if it is still plugged in (by id,
 * then by label, since some systems renumber ids after a replug), else the first one.
 * `fallback` tells the UI to say that the remembered camera was not found.
 */
export function pickCamera(
  cameras: readonly CameraDevice[],
  remembered: CameraPref | null,
): { camera: CameraDevice | null; fallback: boolean } {
  if (remembered) {
    const byId = cameras.find((c) => c.deviceId === remembered.deviceId);
    if (byId) return { camera: byId, fallback: false };
    const byLabel = remembered.label
      ? cameras.find((c) => c.label === remembered.label)
      : undefined;
    if (byLabel) return { camera: byLabel, fallback: false };
    return { camera: cameras[0] ?? null, fallback: cameras.length > 0 };
  }
  return { camera: cameras[0] ?? null, fallback: false };
}

/** The best the camera offers up to Full HD; more only costs time in the pipeline. */
export function videoConstraints(deviceId: string | null): MediaTrackConstraints {
  return {
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    width: { ideal: 1920, max: 1920 },
    height: { ideal: 1080, max: 1080 },
  };
}
