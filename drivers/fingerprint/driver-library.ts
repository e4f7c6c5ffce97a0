// The template library in the module's flash: Store and LoadChar between a char buffer and a
// page, Search / HighSpeedSearch over a range of pages, DeletChar, Empty, ReadIndexTable and
// TemplateNum. The top of the driver's class chain, so the class callers use.
import {
  buildDeletChar,
  buildEmpty,
  buildHighSpeedSearch,
  buildLoadChar,
  buildReadIndexTable,
  buildSearch,
  buildStore,
  buildTemplateNum,
  expectOk,
  parseIndexTable,
  parseSearchResult,
  parseTemplateNum,
} from './codec';
import type { SearchResult } from './codec';
import { CaptureCommands } from './driver-capture';
import type { RequestOptions } from './driver-types';

/**
 * Host-side driver for an R30x/AS608 module: one request on the wire at a time (others wait in
 * a queue), per-command timeouts, cancellation, and recovery from a yanked cable. Each layer of
 * its class chain does one part: requests → connection → session → capture → library.
 */
export class FingerprintDriver extends CaptureCommands {
  async templateNum(opts: RequestOptions = {}): Promise<number> {
    return parseTemplateNum(await this.command(buildTemplateNum(this.address), opts));
  }

  /** Store: the template in `buffer` into library page `page`. */
  async store(buffer: 1 | 2, page: number, opts: RequestOptions = {}): Promise<void> {
    await this.command(buildStore(buffer, page, this.address), opts);
  }

  /** LoadChar: the template in library page `page` into `buffer`. */
  async loadChar(buffer: 1 | 2, page: number, opts: RequestOptions = {}): Promise<void> {
    await this.command(buildLoadChar(buffer, page, this.address), opts);
  }

  /**
   * Search (or HighSpeedSearch) for the template in `buffer` among pages start ..
   * start+count-1: the best page and its score, or null when none matches ("not found" is an
   * answer, not an error).
   */
  async search(
    buffer: 1 | 2,
    start: number,
    count: number,
    opts: RequestOptions & { highSpeed?: boolean } = {},
  ): Promise<SearchResult | null> {
    const bytes = (opts.highSpeed ? buildHighSpeedSearch : buildSearch)(
      buffer,
      start,
      count,
      this.address,
    );
    const name = opts.highSpeed ? 'HIGH_SPEED_SEARCH' : 'SEARCH';
    const { ack } = await this.run(opts, () => this.exchange(name, bytes, this.timeouts.ackMs, 0));
    if (ack.confirmation === 0x09) return null;
    return parseSearchResult(expectOk(ack, name));
  }

  /** DeletChar: `count` pages from `page` on. */
  async deletChar(page: number, count = 1, opts: RequestOptions = {}): Promise<void> {
    await this.command(buildDeletChar(page, count, this.address), opts);
  }

  /** Empty: every template in the library. */
  async empty(opts: RequestOptions = {}): Promise<void> {
    await this.command(buildEmpty(this.address), opts);
  }

  /** ReadIndexTable: the used library pages of index page `indexPage` (256 pages each). */
  async readIndexTable(indexPage: number, opts: RequestOptions = {}): Promise<number[]> {
    return parseIndexTable(
      await this.command(buildReadIndexTable(indexPage, this.address), opts),
      indexPage,
    );
  }
}
