// Decodes QR codes from camera frames off the UI thread (jsQR, pure JS): the preview and the
// keyboard stay smooth while every frame is searched.
import jsQR from 'jsqr';

export interface QrRequest {
  id: number;
  data: Uint8ClampedArray;
  width: number;
  height: number;
}
export interface QrResult {
  id: number;
  text: string | null;
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<QrRequest>) => void) | null;
  postMessage(m: QrResult): void;
};

scope.onmessage = (e) => {
  const { id, data, width, height } = e.data;
  let text: string | null = null;
  try {
    text = jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  } catch {
    text = null;
  }
  scope.postMessage({ id, text });
};
