import { writeFileSync } from 'node:fs';

/** One RGB frame: `rgb` holds width × height × 3 bytes, row by row, no padding. */
export interface RgbFrame {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/**
 * Encodes RGB frames as a YUV4MPEG2 stream (4:2:0, `C420jpeg` siting), the format Chromium's
 * `--use-file-for-fake-video-capture` plays as a webcam. Pure TypeScript so tests need no
 * ffmpeg.
 *
 * Chromium hands the frames on as I420 and renders them as BT.601 limited ("studio") range,
 * so that is what we write: a frame drawn to a canvas in the page comes back close to the RGB
 * we started from (within a few levels after 4:2:0 chroma averaging).
 */
export function encodeY4m(frames: readonly RgbFrame[], fps = 10): Buffer {
  const first = frames[0];
  if (!first) throw new Error('y4m: no frames');
  const { width, height } = first;
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('y4m: width and height must be even');
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frameHeader = Buffer.from('FRAME\n');
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const parts: Buffer[] = [header];
  for (const f of frames) {
    if (f.width !== width || f.height !== height) throw new Error('y4m: frames differ in size');
    if (f.rgb.length !== ySize * 3) throw new Error('y4m: rgb buffer has the wrong length');
    parts.push(frameHeader, rgbToI420(f));
  }
  return Buffer.concat(parts, header.length + frames.length * (6 + ySize + 2 * cSize));
}

export function writeY4m(file: string, frames: readonly RgbFrame[], fps = 10): void {
  writeFileSync(file, encodeY4m(frames, fps));
}

/** BT.601 limited range: Y 16–235, Cb/Cr 16–240; chroma averaged over each 2×2 block. */
export function rgbToI420({ width, height, rgb }: RgbFrame): Buffer {
  const ySize = width * height;
  const cw = width / 2;
  const cSize = cw * (height / 2);
  const out = Buffer.alloc(ySize + 2 * cSize);
  for (let i = 0, p = 0; i < ySize; i += 1, p += 3) {
    const r = rgb[p]!;
    const g = rgb[p + 1]!;
    const b = rgb[p + 2]!;
    out[i] = clamp(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
  }
  for (let cy = 0; cy < height / 2; cy += 1) {
    for (let cx = 0; cx < cw; cx += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < 2; dy += 1) {
        for (let dx = 0; dx < 2; dx += 1) {
          const p = ((cy * 2 + dy) * width + cx * 2 + dx) * 3;
          r += rgb[p]!;
          g += rgb[p + 1]!;
          b += rgb[p + 2]!;
        }
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const c = cy * cw + cx;
      out[ySize + c] = clamp(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
      out[ySize + cSize + c] = clamp(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
    }
  }
  return out;
}

const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
