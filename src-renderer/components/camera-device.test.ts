import { describe, expect, it } from 'vitest';
import { classifyCameraError, pickCamera, videoConstraints, videoInputs } from './camera-device';

const cams = [
  { deviceId: 'a', label: 'Logitech C920' },
  { deviceId: 'b', label: 'Integrated Camera' },
];

describe('classifyCameraError', () => {
  it.each([
    ['NotFoundError', 'not-found'],
    ['NotReadableError', 'busy'],
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'denied'],
    ['OverconstrainedError', 'overconstrained'],
    ['TypeError', 'unsupported'],
    ['WeirdError', 'unknown'],
  ])('%s → %s', (name, kind) => {
    expect(classifyCameraError(Object.assign(new Error('x'), { name }))).toBe(kind);
  });
  it('copes with things that are not errors', () => {
    expect(classifyCameraError(undefined)).toBe('unknown');
    expect(classifyCameraError('NotFoundError')).toBe('unknown');
  });
});

describe('pickCamera', () => {
  it('takes the remembered camera when present', () => {
    expect(pickCamera(cams, { deviceId: 'b', label: 'Integrated Camera' })).toEqual({
      camera: cams[1],
      fallback: false,
    });
  });
  it('finds it by label when the id changed after a replug', () => {
    expect(pickCamera(cams, { deviceId: 'zzz', label: 'Logitech C920' }).camera).toBe(cams[0]);
  });
  it('falls back to the first camera and says so', () => {
    expect(pickCamera(cams, { deviceId: 'gone', label: 'Old cam' })).toEqual({
      camera: cams[0],
      fallback: true,
    });
  });
  it('takes the first camera when nothing is remembered, none when there are none', () => {
    expect(pickCamera(cams, null)).toEqual({ camera: cams[0], fallback: false });
    expect(pickCamera([], { deviceId: 'a', label: '' })).toEqual({
      camera: null,
      fallback: false,
    });
  });
});

describe('videoInputs', () => {
  it('keeps addressable video inputs only', () => {
    expect(
      videoInputs([
        { kind: 'audioinput', deviceId: 'm', label: 'Mic' },
        { kind: 'videoinput', deviceId: '', label: '' },
        { kind: 'videoinput', deviceId: 'a', label: 'Cam' },
      ]),
    ).toEqual([{ deviceId: 'a', label: 'Cam' }]);
  });
});

describe('videoConstraints', () => {
  it('asks for the best up to Full HD, on the chosen device', () => {
    expect(videoConstraints('a')).toEqual({
      deviceId: { exact: 'a' },
      width: { ideal: 1920, max: 1920 },
      height: { ideal: 1080, max: 1080 },
    });
    expect(videoConstraints(null)).not.toHaveProperty('deviceId');
  });
});
