import { Readable } from 'node:stream';

/**
 * A generated MP4 of any exact size: a tiny valid H.264 movie (one I_PCM picture repeated once a second for
 * the whole duration, `moov` before `mdat` so a browser starts playing at once) followed by a top-level `free` box
 * that pads the file to the size asked for. Built in code (no encoder, no fixture): I_PCM macroblocks
 * carry raw pixels, so the bitstream needs no entropy coding.
 */

const WIDTH = 160;
const HEIGHT = 96;
const TIMESCALE = 1000;

/** Big-endian bit writer with Exp-Golomb codes (H.264 7.2, 9.1). */
class Bits {
  private readonly bytes: number[] = [];
  private cur = 0;
  private n = 0;
  bit(b: number) {
    this.cur = (this.cur << 1) | (b & 1);
    if (++this.n === 8) {
      this.bytes.push(this.cur);
      [this.cur, this.n] = [0, 0];
    }
  }
  u(value: number, count: number) {
    for (let i = count - 1; i >= 0; i--) this.bit((value >> i) & 1);
  }
  ue(value: number) {
    const v = value + 1;
    const len = 32 - Math.clz32(v);
    this.u(0, len - 1);
    this.u(v, len);
  }
  se(value: number) {
    this.ue(value <= 0 ? -2 * value : 2 * value - 1);
  }
  get aligned() {
    return this.n === 0;
  }
  alignZero() {
    while (!this.aligned) this.bit(0);
  }
  byte(b: number) {
    this.u(b, 8);
  }
  /** rbsp_trailing_bits: a one, then zeros to the byte boundary. */
  trailing(): Buffer {
    this.bit(1);
    this.alignZero();
    return Buffer.from(this.bytes);
  }
}

/** NAL unit: header byte, then the RBSP with emulation prevention (00 00 0x → 00 00 03 0x for x ≤ 3). */
function nal(header: number, rbsp: Buffer): Buffer {
  const out: number[] = [header];
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Buffer.from(out);
}

function sps(): Buffer {
  const w = new Bits();
  w.u(66, 8); // Baseline
  w.u(0xc0, 8); // constraint_set0/1
  w.u(30, 8); // level 3.0
  w.ue(0); // seq_parameter_set_id
  w.ue(0); // log2_max_frame_num_minus4
  w.ue(2); // pic_order_cnt_type
  w.ue(1); // max_num_ref_frames
  w.bit(0); // gaps_in_frame_num_value_allowed_flag
  w.ue(WIDTH / 16 - 1);
  w.ue(HEIGHT / 16 - 1);
  w.bit(1); // frame_mbs_only_flag
  w.bit(1); // direct_8x8_inference_flag
  w.bit(0); // frame_cropping_flag
  w.bit(0); // vui_parameters_present_flag
  return nal(0x67, w.trailing());
}

function pps(): Buffer {
  const w = new Bits();
  w.ue(0); // pic_parameter_set_id
  w.ue(0); // seq_parameter_set_id
  w.bit(0); // entropy_coding_mode_flag: CAVLC
  w.bit(0); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.bit(0); // weighted_pred_flag
  w.u(0, 2); // weighted_bipred_idc
  w.se(0); // pic_init_qp_minus26
  w.se(0); // pic_init_qs_minus26
  w.se(0); // chroma_qp_index_offset
  w.bit(0); // deblocking_filter_control_present_flag
  w.bit(0); // constrained_intra_pred_flag
  w.bit(0); // redundant_pic_cnt_present_flag
  return nal(0x68, w.trailing());
}

/** One IDR picture of I_PCM macroblocks: a blue-ish field with a lighter diagonal band (no zero bytes). */
function idrSlice(): Buffer {
  const w = new Bits();
  w.ue(0); // first_mb_in_slice
  w.ue(7); // slice_type: I (all slices)
  w.ue(0); // pic_parameter_set_id
  w.u(0, 4); // frame_num
  w.ue(0); // idr_pic_id
  w.bit(0); // no_output_of_prior_pics_flag
  w.bit(0); // long_term_reference_flag
  w.se(0); // slice_qp_delta
  const mbsWide = WIDTH / 16;
  for (let mb = 0; mb < mbsWide * (HEIGHT / 16); mb++) {
    const [x, y] = [mb % mbsWide, Math.floor(mb / mbsWide)];
    w.ue(25); // mb_type I_PCM
    w.alignZero(); // pcm_alignment_zero_bit
    const luma = Math.abs(x - y) <= 1 ? 0xb0 : 0x50;
    for (let i = 0; i < 256; i++) w.byte(luma);
    for (let i = 0; i < 64; i++) w.byte(0xb4); // Cb
    for (let i = 0; i < 64; i++) w.byte(0x68); // Cr
  }
  return nal(0x65, w.trailing());
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(body.length + 8), Buffer.from(type, 'latin1'), body]);
};
const fullBox = (type: string, version: number, flags: number, ...parts: Buffer[]) =>
  box(type, u32((version << 24) | flags), ...parts);
const MATRIX = Buffer.concat([0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].map(u32));

function moov(durationMs: number, sampleSize: number, sampleOffset: number, spsNal: Buffer, ppsNal: Buffer) {
  const frames = durationMs / TIMESCALE;
  const avcC = box(
    'avcC',
    Buffer.from([1, 66, 0xc0, 30, 0xff, 0xe1]),
    u16(spsNal.length),
    spsNal,
    Buffer.from([1]),
    u16(ppsNal.length),
    ppsNal,
  );
  const avc1 = box(
    'avc1',
    Buffer.alloc(6),
    u16(1), // data_reference_index
    Buffer.alloc(16),
    u16(WIDTH),
    u16(HEIGHT),
    u32(0x00480000),
    u32(0x00480000),
    u32(0),
    u16(1), // frame_count
    Buffer.alloc(32), // compressorname
    u16(0x18),
    u16(0xffff),
    avcC,
  );
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, u32(1), avc1),
    // One picture a second, every sample the same bytes (each chunk points at the one IDR in mdat), so the
    // player's clock runs through the whole duration instead of ending after a single frame.
    fullBox('stts', 0, 0, u32(1), u32(frames), u32(TIMESCALE)),
    fullBox('stsc', 0, 0, u32(1), u32(1), u32(1), u32(1)),
    fullBox('stsz', 0, 0, u32(sampleSize), u32(frames)),
    fullBox('stco', 0, 0, u32(frames), ...Array.from({ length: frames }, () => u32(sampleOffset))),
  );
  const minf = box(
    'minf',
    fullBox('vmhd', 0, 1, Buffer.alloc(8)),
    box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
    stbl,
  );
  const mdia = box(
    'mdia',
    fullBox('mdhd', 0, 0, u32(0), u32(0), u32(TIMESCALE), u32(durationMs), u16(0x55c4), u16(0)),
    fullBox('hdlr', 0, 0, u32(0), Buffer.from('vide'), Buffer.alloc(12), Buffer.from('VideoHandler\0')),
    minf,
  );
  const tkhd = fullBox(
    'tkhd',
    0,
    3,
    u32(0),
    u32(0),
    u32(1), // track_ID
    u32(0),
    u32(durationMs),
    Buffer.alloc(8),
    u16(0),
    u16(0),
    u16(0),
    u16(0),
    MATRIX,
    u32(WIDTH << 16),
    u32(HEIGHT << 16),
  );
  const mvhd = fullBox(
    'mvhd',
    0,
    0,
    u32(0),
    u32(0),
    u32(TIMESCALE),
    u32(durationMs),
    u32(0x10000),
    u16(0x100),
    Buffer.alloc(10),
    MATRIX,
    Buffer.alloc(24),
    u32(2), // next_track_ID
  );
  return box('moov', mvhd, box('trak', tkhd, mdia));
}

const heads = new Map<number, Buffer>();

/** The movie without padding (ftyp, moov, mdat), for a recording of `durationSeconds`. */
export function mp4Head(durationSeconds = 600): Buffer {
  const cached = heads.get(durationSeconds);
  if (cached) return cached;
  const ftyp = box('ftyp', Buffer.from('isom'), u32(0x200), Buffer.from('isomiso2avc1mp41'));
  const [spsNal, ppsNal, idr] = [sps(), pps(), idrSlice()];
  const sample = Buffer.concat([u32(idr.length), idr]);
  const ms = durationSeconds * 1000;
  const moovLength = moov(ms, sample.length, 0, spsNal, ppsNal).length;
  const offset = ftyp.length + moovLength + 8;
  const head = Buffer.concat([ftyp, moov(ms, sample.length, offset, spsNal, ppsNal), box('mdat', sample)]);
  heads.set(durationSeconds, head);
  return head;
}

/** The smallest file `generatedMp4` can make (the movie plus an empty `free` box). */
export const minMp4Size = (durationSeconds = 600) => mp4Head(durationSeconds).length + 8;

/** Header of the padding box: 32-bit size, or size 1 + 64-bit largesize past 4 GiB. */
function freeHeader(paddingTotal: number): Buffer {
  if (paddingTotal <= 0xffffffff) return Buffer.concat([u32(paddingTotal), Buffer.from('free')]);
  const b = Buffer.alloc(16);
  b.writeUInt32BE(1);
  b.write('free', 4, 'latin1');
  b.writeBigUInt64BE(BigInt(paddingTotal), 8);
  return b;
}

const ZEROS = Buffer.alloc(64 * 1024);

/**
 * Bytes [start, end] (inclusive) of the generated MP4 of `size` bytes, streamed in 64 KiB chunks from one
 * shared zero buffer: memory stays flat whatever the size. `size` must be at least `minMp4Size()`.
 */
export function generatedMp4(size: number, start = 0, end = size - 1, durationSeconds = 600): Readable {
  const head = mp4Head(durationSeconds);
  if (size < head.length + 8) throw new RangeError(`An MP4 needs at least ${head.length + 8} bytes`);
  const padding = size - head.length;
  const prefix = Buffer.concat([head, freeHeader(padding)]);
  async function* chunks() {
    let pos = start;
    if (pos < prefix.length) {
      const piece = prefix.subarray(pos, Math.min(prefix.length, end + 1));
      pos += piece.length;
      yield piece;
    }
    while (pos <= end) {
      const n = Math.min(ZEROS.length, end + 1 - pos);
      pos += n;
      yield n === ZEROS.length ? ZEROS : ZEROS.subarray(0, n);
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
