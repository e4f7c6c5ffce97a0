import { describe, expect, it } from 'vitest';
import type {
  FingerRecord,
  PhotoRecord,
  RecordingReview,
  SignatureRecord,
} from '../../../../src-main/api/contract';
import {
  base64ToBytes,
  canFinish,
  countFingers,
  missingSteps,
  needsAttention,
  receiptFileName,
} from './review-model';

const finger = (n: number, state: FingerRecord['state']): FingerRecord => ({
  finger: n,
  state,
  quality: state === 'pending' || state === 'exception' ? null : 60,
  attempts: state === 'pending' ? 0 : 1,
  imageDataUrl: null,
  exception: state === 'exception' ? { kind: 'amputated', reason: 'sejak lahir' } : null,
  duplicateOf: null,
});

const photo = { forced: false } as PhotoRecord;
const signature = { exception: null } as SignatureRecord;

function review(
  over: Partial<RecordingReview> = {},
  states?: FingerRecord['state'][],
): RecordingReview {
  const fingers = (states ?? Array<FingerRecord['state']>(10).fill('captured')).map((s, i) =>
    finger(i + 1, s),
  );
  return {
    recording: { status: 'draft' } as RecordingReview['recording'],
    photo,
    fingerprints: {
      recordingId: 'r1',
      threshold: 40,
      fingers,
      complete: fingers.every((f) => f.state !== 'pending'),
    },
    signature,
    missing: [],
    ...over,
  };
}

describe('review model', () => {
  it('points each gap at its step, in desk order', () => {
    expect(missingSteps(review())).toEqual([]);
    const states = Array<FingerRecord['state']>(10).fill('captured');
    states[9] = 'pending';
    expect(missingSteps(review({ photo: null, signature: null }, states))).toEqual([
      'photo',
      'fingerprint',
      'signature',
    ]);
  });
  it('follows the station on what blocks sealing', () => {
    expect(canFinish(review())).toBe(true);
    expect(canFinish(review({ missing: ['Foto belum diambil'] }))).toBe(false);
    const sealed = review();
    sealed.recording = { status: 'sealed' } as RecordingReview['recording'];
    expect(canFinish(sealed)).toBe(false);
  });
  it('counts fingers and flags what a supervisor will check', () => {
    const states: FingerRecord['state'][] = [
      'captured',
      'captured',
      'forced',
      'captured',
      'captured',
      'captured',
      'captured',
      'captured',
      'captured',
      'exception',
    ];
    const r = review({}, states);
    expect(countFingers(r.fingerprints.fingers)).toEqual({
      captured: 8,
      forced: 1,
      exception: 1,
      pending: 0,
    });
    expect(needsAttention(r)).toBe(true);
    expect(needsAttention(review())).toBe(false);
    expect(needsAttention(review({ photo: { forced: true } as PhotoRecord }))).toBe(true);
    expect(
      needsAttention(
        review({ signature: { exception: { reason: 'tangan luka' } } as SignatureRecord }),
      ),
    ).toBe(true);
  });
  it('names receipts without personal data', () => {
    const name = receiptFileName('pk_3F9a-77xY', new Date(2026, 10, 5, 9, 30));
    expect(name).toBe('bukti-perekaman-20261105-pk3F9a77.pdf');
    expect(receiptFileName('---', new Date(2026, 0, 1))).toBe('bukti-perekaman-20260101-rekam.pdf');
  });
  it('decodes base64 to bytes', () => {
    expect([...base64ToBytes('JVBERg==')]).toEqual([0x25, 0x50, 0x44, 0x46]);
  });
});
