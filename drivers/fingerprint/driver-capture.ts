// Taking a finger: GenImg polled until a finger lands, the image uploaded (UpImage, re-read if
// damaged) with progress, templates made and compared in the char buffers (Img2Tz, Match,
// RegModel, UpChar/DownChar), an image sent down (DownImage) and the sensor's LED ring.
import {
  IMAGE_BYTES,
  IMAGE_HEIGHT,
  IMAGE_WIDTH,
  TEMPLATE_BYTES,
  buildAuraLed,
  buildDownChar,
  buildDownImage,
  buildGenImg,
  buildImg2Tz,
  buildMatch,
  buildRegModel,
  buildUpChar,
  buildUpImage,
  expectOk,
  packImage4,
  parseMatchScore,
  unpackImage4,
} from './codec';
import type { Ack, AuraLedOptions } from './codec';
import { sleep, throwIfAborted } from './driver-requests';
import { SessionCommands } from './driver-session';
import { isFingerprintError } from './errors';
import type { CaptureOptions, CapturedImage, RequestOptions } from './driver-types';

export abstract class CaptureCommands extends SessionCommands {
  async genImg(opts: RequestOptions = {}): Promise<void> {
    await this.command(buildGenImg(this.address), opts, { timeoutMs: this.timeouts.genImgMs });
  }

  /** UpImage: the image in the module's buffer as 8-bit grayscale. */
  async upImage(opts: CaptureOptions = {}): Promise<Uint8Array> {
    const { data } = await this.run(opts, () =>
      this.exchange('UP_IMAGE', buildUpImage(this.address), this.timeouts.ackMs, IMAGE_BYTES, {
        onStatus: opts.onStatus,
      }),
    );
    return unpackImage4(data);
  }

  /**
   * Polls GenImg until a finger is on the sensor, then uploads the image. Reports progress
   * (to `onStatus` and as 'status' events): waiting-finger (once, when the first poll finds no
   * finger), image-captured, uploading (progress), image-ready.
   */
  async captureImage(opts: CaptureOptions = {}): Promise<CapturedImage> {
    const fingerDownAt = await this.waitForImage(opts);
    const gray = await this.readImage(opts);
    return {
      gray,
      width: IMAGE_WIDTH,
      height: IMAGE_HEIGHT,
      fingerDownAt,
      imageReadyAt: performance.now(),
    };
  }

  /**
   * Polls GenImg until the module has taken an image (the finger can lift from then on: the
   * transfer needs no finger). Resolves with performance.now() at that moment.
   */
  async waitForImage(opts: CaptureOptions = {}): Promise<number> {
    const pollMs = opts.pollMs ?? 100;
    let waiting = false;
    let transientErrors = 0;
    for (;;) {
      throwIfAborted(opts.signal);
      try {
        await this.genImg(opts);
        break;
      } catch (e) {
        if (isFingerprintError(e, 'NO_FINGER')) {
          transientErrors = 0;
          if (!waiting) this.emitStatus({ kind: 'waiting-finger' }, opts.onStatus);
          waiting = true;
          await sleep(pollMs, opts.signal);
          continue;
        }
        // A damaged or lost poll reply is not worth failing a capture for; a run of them is.
        if (isFingerprintError(e) && e.retryable && e.code !== 'TIMEOUT' && ++transientErrors < 3)
          continue;
        throw e;
      }
    }
    this.emitStatus({ kind: 'image-captured' }, opts.onStatus);
    return performance.now();
  }

  /** UpImage of the image in the module's buffer, asked again if it arrives damaged. */
  async readImage(opts: CaptureOptions = {}): Promise<Uint8Array> {
    const retries = opts.uploadRetries ?? 1;
    for (let attempt = 0; ; attempt++) {
      try {
        const gray = await this.upImage(opts);
        this.emitStatus({ kind: 'image-ready' }, opts.onStatus);
        return gray;
      } catch (e) {
        // The image stays in the module's buffer, so asking again is safe.
        if (attempt < retries && isFingerprintError(e) && e.retryable) continue;
        throw e;
      }
    }
  }

  async img2Tz(buffer: 1 | 2, opts: RequestOptions = {}): Promise<void> {
    await this.command(buildImg2Tz(buffer, this.address), opts);
  }

  /** Compares char buffers 1 and 2. "No match" is an answer, not an error. */
  async match(opts: RequestOptions = {}): Promise<{ matched: boolean; score: number }> {
    const { ack } = await this.run(opts, () =>
      this.exchange('MATCH', buildMatch(this.address), this.timeouts.ackMs, 0),
    );
    if (ack.confirmation === 0x08) return { matched: false, score: safeScore(ack) };
    return { matched: true, score: parseMatchScore(expectOk(ack, 'MATCH')) };
  }

  async regModel(opts: RequestOptions = {}): Promise<void> {
    await this.command(buildRegModel(this.address), opts);
  }

  /** UpChar: the 512-byte template in a char buffer. */
  async upChar(buffer: 1 | 2, opts: RequestOptions = {}): Promise<Uint8Array> {
    const { data } = await this.run(opts, () =>
      this.exchange(
        'UP_CHAR',
        buildUpChar(buffer, this.address),
        this.timeouts.ackMs,
        TEMPLATE_BYTES,
      ),
    );
    return data;
  }

  /**
   * DownChar: puts a template (e.g. another finger of the same resident) into a char buffer, so
   * Match can compare it with a fresh capture. The module acks the command, then reads the data
   * packets; it sends nothing after them, so the next command simply queues behind.
   */
  async downChar(buffer: 1 | 2, template: Uint8Array, opts: RequestOptions = {}): Promise<void> {
    if (template.length !== TEMPLATE_BYTES) throw new RangeError('template must be 512 bytes');
    await this.sendBulk('DOWN_CHAR', buildDownChar(buffer, this.address), template, opts);
  }

  /** DownImage: an 8-bit grayscale image into the module's image buffer (sent as 4 bits). */
  async downImage(gray: Uint8Array, opts: RequestOptions = {}): Promise<void> {
    if (gray.length !== IMAGE_WIDTH * IMAGE_HEIGHT) {
      throw new RangeError(`image must be ${IMAGE_WIDTH}×${IMAGE_HEIGHT}`);
    }
    await this.sendBulk('DOWN_IMAGE', buildDownImage(this.address), packImage4(gray), opts);
  }

  async auraLed(o: AuraLedOptions, opts: RequestOptions = {}): Promise<void> {
    await this.command(buildAuraLed(o, this.address), opts);
  }
}

function safeScore(ack: Ack): number {
  return ack.data.length >= 2 ? parseMatchScore(ack) : 0;
}
