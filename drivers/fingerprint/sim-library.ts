// The simulated module's template library commands: Store and LoadChar between a char buffer
// and a page, Search / HighSpeedSearch (the best page by the matcher's score), DeletChar, Empty,
// ReadIndexTable and TemplateNum.
import { CMD, encodeIndexTable, readU16, u16 } from './codec';
import { MATCH_THRESHOLD, templateScore } from './sim-finger';
import type { CommandHandler, CommandTable } from './sim-module';

const search: CommandHandler = ({ m, ack }, p) => {
  if (p.length < 5) return ack(0x01);
  const probe = m.charBuffers.get(p[0] ?? 0);
  const start = readU16(p, 1);
  const end = Math.min(m.capacity, start + readU16(p, 3));
  let best = { page: 0, score: 0 };
  if (probe) {
    for (const [page, t] of m.library) {
      if (page < start || page >= end) continue;
      const score = templateScore(probe, t);
      if (score > best.score) best = { page, score };
    }
  }
  if (best.score < MATCH_THRESHOLD) return ack(0x09, [0, 0, 0, 0]);
  ack(0x00, [...u16(best.page), ...u16(best.score)]);
};

export const LIBRARY_COMMANDS: CommandTable = {
  [CMD.STORE]: ({ m, ack }, p) => {
    const t = m.charBuffers.get(p[0] ?? 0);
    const page = readU16(p, 1);
    if (p.length < 3) return ack(0x01);
    if (page >= m.capacity) return ack(0x0b);
    if (!t) return ack(0x0c);
    m.library.set(page, t.slice());
    ack(0x00);
  },
  [CMD.LOAD_CHAR]: ({ m, ack }, p) => {
    const buffer = p[0] ?? 0;
    const page = readU16(p, 1);
    if (p.length < 3 || (buffer !== 1 && buffer !== 2)) return ack(0x01);
    if (page >= m.capacity) return ack(0x0b);
    const t = m.library.get(page);
    if (!t) return ack(0x0c);
    m.charBuffers.set(buffer, t.slice());
    ack(0x00);
  },
  [CMD.SEARCH]: search,
  [CMD.HIGH_SPEED_SEARCH]: search,
  [CMD.DELET_CHAR]: ({ m, ack }, p) => {
    if (p.length < 4) return ack(0x01);
    const page = readU16(p, 0);
    const count = readU16(p, 2);
    if (count === 0 || page + count > m.capacity) return ack(0x10);
    for (let i = page; i < page + count; i++) m.library.delete(i);
    ack(0x00);
  },
  [CMD.EMPTY]: ({ m, ack }) => {
    m.library.clear();
    ack(0x00);
  },
  [CMD.READ_INDEX_TABLE]: ({ m, ack }, p) => {
    if (p.length < 1) return ack(0x01);
    ack(0x00, encodeIndexTable(m.library.keys(), p[0]!));
  },
  [CMD.TEMPLATE_NUM]: ({ m, ack }) => ack(0x00, u16(m.library.size)),
};
